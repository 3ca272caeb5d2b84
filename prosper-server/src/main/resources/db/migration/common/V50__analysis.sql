-- Analysis: the results users computed (aggregates only, kept for export and for sharing a link), and the price
-- factors (PPP, CPI) that convert international poverty lines to local currency, editable by an administrator.
create table analysis_result (
    id          varchar(36)  primary key,                -- equal to the job id when the analysis ran as a job
    owner       varchar(100) not null,
    org_unit_id bigint       not null,
    kind        varchar(20)  not null,                   -- MONETARY or MPI
    result_json varchar      not null,
    created_at  timestamp with time zone not null default current_timestamp
);
create index analysis_result_owner on analysis_result(owner, created_at);

create table analysis_price_factor (
    country_code char(2)      not null,
    kind         varchar(10)  not null,                  -- PPP2021, PPP2017 (LCU per international $, private consumption) or CPI (index, any base)
    price_year   int          not null,
    factor_value double precision not null,
    source       varchar(500) not null,
    updated_by   varchar(100) not null,
    updated_at   timestamp with time zone not null default current_timestamp,
    primary key (country_code, kind, price_year)
);
