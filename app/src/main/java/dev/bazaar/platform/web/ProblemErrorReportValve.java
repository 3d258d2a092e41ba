package dev.bazaar.platform.web;

import dev.bazaar.shared.web.ProblemTypes;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.Writer;

/**
 * Answers what Tomcat refuses before the application sees a request (a path with an encoded NUL or an invalid
 * escape, a request line or headers over its limits) with a problem detail, as the application answers everything
 * else, instead of Tomcat's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // Tomcat's own guard: nothing to report below 400, after a body was written, or twice
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String slug = ProblemTypes.slugOf(status);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + ProblemTypes.of(slug) + "\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"The server could not read this request (its URL or headers).\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the response cannot be written any more: nothing left to tell
        }
    }
}
