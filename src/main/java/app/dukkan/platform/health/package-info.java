/** Health probes for load balancers and Kubernetes: liveness, readiness and a JSON summary. */
@NullMarked
package app.dukkan.platform.health;

import org.jspecify.annotations.NullMarked;
