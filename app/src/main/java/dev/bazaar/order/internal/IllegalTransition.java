package dev.bazaar.order.internal;

import dev.bazaar.order.OrderStatus;
import dev.bazaar.shared.web.ProblemException;
import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * The order cannot make this move from where it is: 409, and nothing changes. The order's status travels as
 * {@code orderStatus}: {@code status} is the problem's HTTP status code (RFC 9457).
 */
class IllegalTransition extends ProblemException {

    IllegalTransition(OrderStatus from, OrderStatus to) {
        super(HttpStatus.CONFLICT, "illegal-transition", "Not possible in this status",
                "An order that is " + from + " cannot become " + to + ".",
                Map.of("orderStatus", from.name(), "requested", to.name()));
    }
}
