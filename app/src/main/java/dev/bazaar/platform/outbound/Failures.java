package dev.bazaar.platform.outbound;

/**
 * What kind of failure it was, for a log line about work that carries other people's data (a subscriber's secret, a
 * customer's e-mail or address): the class of the failure and of each cause, never their messages, which may quote
 * what was sent, whom to, or the receiver's answer.
 */
public final class Failures {

    private Failures() {
    }

    /** {@code ResourceAccessException <- SocketTimeoutException}. */
    public static String kind(Throwable failure) {
        var line = new StringBuilder(failure.getClass().getSimpleName());
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            line.append(" <- ").append(cause.getClass().getSimpleName());
        }
        return line.toString();
    }
}
