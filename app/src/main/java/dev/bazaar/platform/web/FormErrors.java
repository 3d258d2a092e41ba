package dev.bazaar.platform.web;

import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A form's field errors as the page templates show them (fields.html): each field's messages joined, under the
 * field's name, in the model attribute {@code errors}.
 */
public final class FormErrors {

    private FormErrors() {
    }

    /** Puts the binding's field errors into the model; whether there were any. */
    public static boolean shown(BindingResult binding, Model model) {
        var errors = new LinkedHashMap<String, String>();
        binding.getFieldErrors().forEach(error -> errors.merge(error.getField(),
                error.isBindingFailure() ? "is not a valid value" : String.valueOf(error.getDefaultMessage()),
                (a, b) -> a + "; " + b));
        model.addAttribute("errors", Map.copyOf(errors));
        return !errors.isEmpty();
    }
}
