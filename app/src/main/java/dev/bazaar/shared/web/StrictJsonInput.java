package dev.bazaar.shared.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Numbers in requests must be JSON numbers of the right kind: a quantity of {@code 1.5}, {@code "2"} or
 * {@code null} is a 400, not silently 1, 2 or 0. Text must not contain the NUL character, which PostgreSQL cannot
 * store (every write of it failed with a 500). Unknown fields stay ignored, as the contract says.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonInput {

    @Bean
    JsonMapperBuilderCustomizer strictNumbers() {
        return builder -> builder
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(new SimpleModule("text-without-nul").addDeserializer(String.class, new TextWithoutNul()));
    }

    /** What a refused text's field is told; {@link ProblemHandling} answers it as an invalid field. */
    static final String NUL_REFUSED = "must not contain the NUL character (U+0000)";

    /** Any JSON string read into a {@code String}: a record component, a list element, a map value. */
    static final class TextWithoutNul extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String text = super.deserialize(parser, context);
            if (text != null && text.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(parser, NUL_REFUSED, text, String.class);
            }
            return text;
        }
    }
}
