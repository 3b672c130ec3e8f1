package uk.gov.paas.support.kernel;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.ServiceConventionsContract;

@QuarkusTest
class KernelConventionsTest extends ServiceConventionsContract {
}
