package uk.gov.paas.support.escalation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import uk.gov.paas.support.kernel.testing.GreenMailTestResource;
import uk.gov.paas.support.kernel.testing.PostgresTestDatabase;

/** The real parts every @QuarkusTest of this service runs against. */
@QuarkusTestResource(value = PostgresTestDatabase.class, initArgs = @ResourceArg(name = "database", value = "escalation_test"))
@QuarkusTestResource(GreenMailTestResource.class)
@QuarkusTestResource(IncidentServiceStub.class)
public class EscalationTestResources {
}
