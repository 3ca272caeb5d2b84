package org.prosper.web;

import jakarta.servlet.http.HttpServletResponse;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.NotFoundProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Problems on web pages: a page in the user's language that says what happened, with the right status. */
@ControllerAdvice(annotations = Controller.class)
public class PageExceptionHandler {

    @ExceptionHandler(AccessDeniedProblem.class)
    String denied(AccessDeniedProblem e, Model model, HttpServletResponse response) {
        response.setStatus(403);
        model.addAttribute("status", 403);
        model.addAttribute("messageKey", "error.forbidden");
        model.addAttribute("detail", e.getMessage());
        return "error/problem";
    }

    @ExceptionHandler(NotFoundProblem.class)
    String notFound(NotFoundProblem e, Model model, HttpServletResponse response) {
        response.setStatus(404);
        model.addAttribute("status", 404);
        model.addAttribute("messageKey", "error.notFound");
        model.addAttribute("detail", e.getMessage());
        return "error/problem";
    }
}
