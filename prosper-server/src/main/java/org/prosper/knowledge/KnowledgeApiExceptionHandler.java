package org.prosper.knowledge;

import org.prosper.web.ApiError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The knowledge bank's own problems as API answers, in the platform's error shape. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class KnowledgeApiExceptionHandler {

    @ExceptionHandler(KnowledgeProblem.class)
    ResponseEntity<ApiError> problem(KnowledgeProblem e) {
        return ResponseEntity.status(e.status()).body(new ApiError(e.status(), e.getMessage(), e.problems()));
    }
}
