-- Long work (imports, monitoring runs, reports) runs as a job whose progress the UI and the API follow.
create table job (
    id          varchar(36)  primary key,
    kind        varchar(40)  not null,
    owner       varchar(100) not null,
    state       varchar(20)  not null,                   -- QUEUED, RUNNING, SUCCEEDED, FAILED
    done        bigint       not null default 0,
    total       bigint,
    message     varchar(2000),
    result_json varchar,
    created_at  timestamp with time zone not null default current_timestamp,
    finished_at timestamp with time zone
);
