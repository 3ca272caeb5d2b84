package org.prosper.web;

import jakarta.servlet.http.HttpServletResponse;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.NotFoundProblem;
import org.prosper.platform.LockWait;
import org.prosper.platform.NulCharacters;
import org.prosper.platform.TooLongText;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

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

    @ExceptionHandler(UnstorableTextProblem.class)
    String unstorable(UnstorableTextProblem e, Model model, HttpServletResponse response) {
        return unstorable("error.unstorableText", e.getMessage(), model, response);
    }

    /** A text the database could not store (a NUL character, a text longer than its column); anything else goes on. */
    @ExceptionHandler(DataAccessException.class)
    String database(DataAccessException e, Model model, HttpServletResponse response) {
        if (NulCharacters.refusedByDatabase(e)) return unstorable("error.unstorableText", ApiExceptionHandler.NUL_REFUSED, model, response);
        return unstorable("error.textTooLong", TooLongText.refusedByDatabase(e).orElseThrow(() -> e), model, response);
    }

    /** Records held by another change that is still running: nothing was saved, the same form will do in a moment. */
    @ExceptionHandler({PessimisticLockingFailureException.class, QueryTimeoutException.class})
    String busy(DataAccessException e, Model model, HttpServletResponse response) {
        if (!LockWait.gaveUp(e)) throw e;
        response.setStatus(503);
        response.setHeader("Retry-After", "5");
        model.addAttribute("status", 503);
        model.addAttribute("messageKey", "error.busy");
        model.addAttribute("detail", ApiExceptionHandler.BUSY);
        return "error/problem";
    }

    private static String unstorable(String messageKey, String detail, Model model, HttpServletResponse response) {
        response.setStatus(422);
        model.addAttribute("status", 422);
        model.addAttribute("messageKey", messageKey);
        model.addAttribute("detail", detail);
        return "error/problem";
    }

    /**
     * A request no page form sends (a choice outside its list, a form sent without its file): said plainly with 400
     * rather than as a server error. An upload over the size limit keeps its own answer (413).
     */
    @ExceptionHandler({IllegalArgumentException.class, MultipartException.class})
    String badRequest(Exception e, Model model, HttpServletResponse response) throws Exception {
        if (e instanceof MaxUploadSizeExceededException) throw e;
        response.setStatus(400);
        model.addAttribute("status", 400);
        model.addAttribute("messageKey", "error.badRequest");
        model.addAttribute("detail", e instanceof MultipartException ? "expected a form with a file (multipart/form-data)" : e.getMessage());
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
