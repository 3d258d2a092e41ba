package dev.bazaar.platform.web;

import dev.bazaar.shared.web.RenderedJson;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}: every operation takes a bearer token unless it is public. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // an answer sent pre-rendered is documented as the shape it renders
        SpringDocUtils.getConfig().addResponseWrapperToIgnore(RenderedJson.class);
    }

    @Bean
    OpenAPI bazaarOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Bazaar API").version("v1")
                        .description("Catalog, cart and checkout, orders, payment, inventory, fulfilment and notifications."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
