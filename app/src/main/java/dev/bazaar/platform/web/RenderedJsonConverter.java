package dev.bazaar.platform.web;

import dev.bazaar.shared.web.RenderedJson;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;

/**
 * Writes a {@link RenderedJson} answer as the JSON bytes it holds, for every JSON media type the client may ask for
 * (as Jackson's converter would), so that Jackson never sees the wrapper itself.
 */
@Configuration(proxyBeanMethods = false)
class RenderedJsonConverter extends AbstractHttpMessageConverter<RenderedJson<?>> implements WebMvcConfigurer {

    RenderedJsonConverter() {
        super(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.addCustomConverter(this);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return RenderedJson.class.isAssignableFrom(type);
    }

    @Override
    public boolean canRead(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    protected RenderedJson<?> readInternal(Class<? extends RenderedJson<?>> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("A rendered answer is only ever written", input);
    }

    @Override
    protected Long getContentLength(RenderedJson<?> answer, MediaType contentType) {
        return (long) answer.bytes().length;
    }

    @Override
    protected void writeInternal(RenderedJson<?> answer, HttpOutputMessage output) throws IOException {
        output.getBody().write(answer.bytes());
    }
}
