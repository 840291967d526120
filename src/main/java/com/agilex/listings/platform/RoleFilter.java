package com.agilex.listings.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Routes outside this process's role answer 404, as if they did not exist (they are not in its OpenAPI either). */
public class RoleFilter {

    private final Role role;

    public RoleFilter(@ConfigProperty(name = Role.PROPERTY, defaultValue = "all") String role) {
        this.role = Role.parse(role);
    }

    @ServerRequestFilter(preMatching = true)
    public Response outsideTheRole(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (role.serves(request.getMethod(), path)) {
            return null;
        }
        return ProblemMappers.problem(404, null, "Not Found",
                path + " is not served by a process in the role " + role.name().toLowerCase(), request.getUriInfo(), null);
    }
}
