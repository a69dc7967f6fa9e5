-- The tables the review's database checks read, shaped like OpenMetadata's MySQL schema
-- (an id and a name taken from the json document, the document itself, a hash column the
-- application fills). Written for the tests; rows come from each case's case.yaml.

CREATE TABLE policy_entity (
    id VARCHAR(36) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.id'))) STORED,
    name VARCHAR(256) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.name'))) VIRTUAL,
    json JSON NOT NULL,
    fqnHash VARCHAR(256) CHARACTER SET ascii COLLATE ascii_bin,
    UNIQUE KEY policy_entity_id (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE type_entity (
    id VARCHAR(36) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.id'))) STORED,
    name VARCHAR(256) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.name'))) VIRTUAL,
    json JSON NOT NULL,
    nameHash VARCHAR(256) CHARACTER SET ascii COLLATE ascii_bin,
    UNIQUE KEY type_entity_id (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE test_definition (
    id VARCHAR(36) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.id'))) STORED,
    name VARCHAR(256) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.name'))) VIRTUAL,
    json JSON NOT NULL,
    nameHash VARCHAR(256) CHARACTER SET ascii COLLATE ascii_bin,
    UNIQUE KEY test_definition_id (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE test_case (
    id VARCHAR(36) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.id'))) STORED,
    name VARCHAR(256) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.name'))) VIRTUAL,
    json JSON NOT NULL,
    fqnHash VARCHAR(256) CHARACTER SET ascii COLLATE ascii_bin,
    UNIQUE KEY test_case_id (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE installed_apps (
    id VARCHAR(36) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.id'))) STORED,
    name VARCHAR(256) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.name'))) VIRTUAL,
    json JSON NOT NULL,
    nameHash VARCHAR(256) CHARACTER SET ascii COLLATE ascii_bin,
    UNIQUE KEY installed_apps_id (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE user_entity (
    id VARCHAR(36) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.id'))) STORED,
    name VARCHAR(256) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.name'))) VIRTUAL,
    json JSON NOT NULL,
    nameHash VARCHAR(256) CHARACTER SET ascii COLLATE ascii_bin,
    UNIQUE KEY user_entity_id (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE team_entity (
    id VARCHAR(36) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.id'))) STORED,
    name VARCHAR(256) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.name'))) VIRTUAL,
    teamType VARCHAR(64) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.teamType'))) VIRTUAL,
    json JSON NOT NULL,
    nameHash VARCHAR(256) CHARACTER SET ascii COLLATE ascii_bin,
    UNIQUE KEY team_entity_id (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE dbservice_entity (
    id VARCHAR(36) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.id'))) STORED,
    name VARCHAR(256) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.name'))) VIRTUAL,
    serviceType VARCHAR(256) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.serviceType'))) VIRTUAL,
    json JSON NOT NULL,
    nameHash VARCHAR(256) CHARACTER SET ascii COLLATE ascii_bin,
    UNIQUE KEY dbservice_entity_id (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE table_entity (
    id VARCHAR(36) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.id'))) STORED,
    name VARCHAR(256) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.name'))) VIRTUAL,
    json JSON NOT NULL,
    fqnHash VARCHAR(256) CHARACTER SET ascii COLLATE ascii_bin,
    UNIQUE KEY table_entity_id (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE glossary_term_entity (
    id VARCHAR(36) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.id'))) STORED,
    name VARCHAR(256) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.name'))) VIRTUAL,
    json JSON NOT NULL,
    fqnHash VARCHAR(256) CHARACTER SET ascii COLLATE ascii_bin,
    UNIQUE KEY glossary_term_entity_id (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE tag (
    id VARCHAR(36) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.id'))) STORED,
    name VARCHAR(256) GENERATED ALWAYS AS (json_unquote(json_extract(json, '$.name'))) VIRTUAL,
    json JSON NOT NULL,
    fqnHash VARCHAR(256) CHARACTER SET ascii COLLATE ascii_bin,
    UNIQUE KEY tag_id (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE entity_relationship (
    fromId VARCHAR(36) NOT NULL,
    toId VARCHAR(36) NOT NULL,
    fromEntity VARCHAR(256) NOT NULL,
    toEntity VARCHAR(256) NOT NULL,
    relation TINYINT NOT NULL,
    jsonSchema VARCHAR(256),
    json JSON,
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (fromId, toId, relation)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
