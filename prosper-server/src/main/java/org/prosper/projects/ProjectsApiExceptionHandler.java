package org.prosper.projects;

import org.prosper.web.ApiError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the projects feature's own problems to API answers (the shared handler covers access and not-found). */
@RestControllerAdvice(basePackageClasses = ProjectsApiExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProjectsApiExceptionHandler {

    @ExceptionHandler(InvalidProjectProblem.class)
    ResponseEntity<ApiError> invalid(InvalidProjectProblem e) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(new ApiError(422, e.getMessage(), e.problems()));
    }

    @ExceptionHandler(ProjectConflictProblem.class)
    ResponseEntity<ApiError> conflict(ProjectConflictProblem e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new ApiError(409, e.getMessage(), java.util.List.of()));
    }

    @ExceptionHandler(IatiFileProblem.class)
    ResponseEntity<ApiError> badFile(IatiFileProblem e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(new ApiError(400, e.getMessage(), java.util.List.of(e.where())));
    }
}
