package uk.gov.paas.support.kernel;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import uk.gov.paas.support.kernel.testing.GreenMailTestResource;
import uk.gov.paas.support.kernel.testing.PostgresTestDatabase;

/** The real parts every kernel @QuarkusTest runs against: its PostgreSQL database and a GreenMail SMTP server. */
@QuarkusTestResource(value = PostgresTestDatabase.class, initArgs = @ResourceArg(name = "database", value = "kernel_test"))
@QuarkusTestResource(GreenMailTestResource.class)
public class KernelTestResources {
}
