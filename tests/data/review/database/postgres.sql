-- The tables the review's database checks read, shaped like OpenMetadata's PostgreSQL
-- schema (an id and a name taken from the json document, the document itself, a hash column
-- the application fills). Written for the tests; rows come from each case's case.yaml.

CREATE TABLE policy_entity (
    id VARCHAR(36) GENERATED ALWAYS AS (json ->> 'id') STORED NOT NULL,
    name VARCHAR(256) GENERATED ALWAYS AS (json ->> 'name') STORED NOT NULL,
    json JSONB NOT NULL,
    fqnHash VARCHAR(256),
    PRIMARY KEY (id)
);

CREATE TABLE type_entity (
    id VARCHAR(36) GENERATED ALWAYS AS (json ->> 'id') STORED NOT NULL,
    name VARCHAR(256) GENERATED ALWAYS AS (json ->> 'name') STORED NOT NULL,
    json JSONB NOT NULL,
    nameHash VARCHAR(256),
    PRIMARY KEY (id)
);

CREATE TABLE test_definition (
    id VARCHAR(36) GENERATED ALWAYS AS (json ->> 'id') STORED NOT NULL,
    name VARCHAR(256) GENERATED ALWAYS AS (json ->> 'name') STORED NOT NULL,
    json JSONB NOT NULL,
    nameHash VARCHAR(256),
    PRIMARY KEY (id)
);

CREATE TABLE test_case (
    id VARCHAR(36) GENERATED ALWAYS AS (json ->> 'id') STORED NOT NULL,
    name VARCHAR(256) GENERATED ALWAYS AS (json ->> 'name') STORED NOT NULL,
    json JSONB NOT NULL,
    fqnHash VARCHAR(256),
    PRIMARY KEY (id)
);

CREATE TABLE installed_apps (
    id VARCHAR(36) GENERATED ALWAYS AS (json ->> 'id') STORED NOT NULL,
    name VARCHAR(256) GENERATED ALWAYS AS (json ->> 'name') STORED NOT NULL,
    json JSONB NOT NULL,
    nameHash VARCHAR(256),
    PRIMARY KEY (id)
);

CREATE TABLE user_entity (
    id VARCHAR(36) GENERATED ALWAYS AS (json ->> 'id') STORED NOT NULL,
    name VARCHAR(256) GENERATED ALWAYS AS (json ->> 'name') STORED NOT NULL,
    json JSONB NOT NULL,
    nameHash VARCHAR(256),
    PRIMARY KEY (id)
);

CREATE TABLE team_entity (
    id VARCHAR(36) GENERATED ALWAYS AS (json ->> 'id') STORED NOT NULL,
    name VARCHAR(256) GENERATED ALWAYS AS (json ->> 'name') STORED NOT NULL,
    teamType VARCHAR(64) GENERATED ALWAYS AS (json ->> 'teamType') STORED,
    json JSONB NOT NULL,
    nameHash VARCHAR(256),
    PRIMARY KEY (id)
);

CREATE TABLE dbservice_entity (
    id VARCHAR(36) GENERATED ALWAYS AS (json ->> 'id') STORED NOT NULL,
    name VARCHAR(256) GENERATED ALWAYS AS (json ->> 'name') STORED NOT NULL,
    serviceType VARCHAR(256) GENERATED ALWAYS AS (json ->> 'serviceType') STORED,
    json JSONB NOT NULL,
    nameHash VARCHAR(256),
    PRIMARY KEY (id)
);

CREATE TABLE table_entity (
    id VARCHAR(36) GENERATED ALWAYS AS (json ->> 'id') STORED NOT NULL,
    name VARCHAR(256) GENERATED ALWAYS AS (json ->> 'name') STORED NOT NULL,
    json JSONB NOT NULL,
    fqnHash VARCHAR(256),
    PRIMARY KEY (id)
);

CREATE TABLE glossary_term_entity (
    id VARCHAR(36) GENERATED ALWAYS AS (json ->> 'id') STORED NOT NULL,
    name VARCHAR(256) GENERATED ALWAYS AS (json ->> 'name') STORED NOT NULL,
    json JSONB NOT NULL,
    fqnHash VARCHAR(256),
    PRIMARY KEY (id)
);

CREATE TABLE tag (
    id VARCHAR(36) GENERATED ALWAYS AS (json ->> 'id') STORED NOT NULL,
    name VARCHAR(256) GENERATED ALWAYS AS (json ->> 'name') STORED NOT NULL,
    json JSONB NOT NULL,
    fqnHash VARCHAR(256),
    PRIMARY KEY (id)
);

CREATE TABLE entity_relationship (
    fromId VARCHAR(36) NOT NULL,
    toId VARCHAR(36) NOT NULL,
    fromEntity VARCHAR(256) NOT NULL,
    toEntity VARCHAR(256) NOT NULL,
    relation SMALLINT NOT NULL,
    jsonSchema VARCHAR(256),
    json JSONB,
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (fromId, toId, relation)
);
