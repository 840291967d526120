package com.agilex.listings.platform;

import io.quarkus.arc.Arc;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * At start-up, drops from /q/openapi the operations this process does not serve ({@link ServedRoutes}).
 *
 * <p>Quarkus 3.33 builds the document at start whatever the stage (quarkusio/quarkus#54826); after
 * its fix, {@code RUNTIME_PER_REQUEST} would let the whole build wait for the first request.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class RoleOpenApiFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ServedRoutes routes = Arc.container().instance(ServedRoutes.class).get();
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> entry : Map.copyOf(openAPI.getPaths().getPathItems()).entrySet()) {
            PathItem item = entry.getValue();
            for (PathItem.HttpMethod method : List.copyOf(item.getOperations().keySet())) {
                if (!routes.servesTemplate(method.name(), entry.getKey())) {
                    item.setOperation(method, null);
                }
            }
            if (item.getOperations().isEmpty()) {
                openAPI.getPaths().removePathItem(entry.getKey());
            }
        }
    }
}
