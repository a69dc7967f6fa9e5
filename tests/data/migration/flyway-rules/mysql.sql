-- Shapes of OpenMetadata's MySQL migration files, written for omupgrade's tests to pin the
-- statement texts Flyway 9.22's MySQLParser gives (not OpenMetadata's SQL).

-- A comment right above a statement is part of it
ALTER TABLE entity_extension_time_series MODIFY COLUMN extension VARCHAR(256);

UPDATE ingestion_pipeline_entity
SET json = JSON_REMOVE(json, '$.sourceConfig.config.markDeletedTablesFromFilterOnly')
WHERE JSON_EXTRACT(json, '$.pipelineType') = 'metadata';
-- a comment after a delimiter belongs to the next statement
UPDATE dbservice_entity SET json = JSON_SET(json, '$.connection.config.scheme', 'mysql+pymysql') WHERE serviceType = 'Mysql' ;

# hash comment, MySQL only
DELETE FROM event_subscription_entity WHERE name = 'it''s; a \'quoted\' name';

UPDATE user_entity SET json = JSON_SET(json, '$.isBot', true) WHERE name = "ingestion-bot;";

CREATE TABLE IF NOT EXISTS `apps_extension_time_series` (
  `appId` VARCHAR(36) GENERATED ALWAYS AS (json ->> '$.appId') STORED NOT NULL, -- a ; in a comment
  `json` JSON NOT NULL,
  `timestamp` BIGINT UNSIGNED GENERATED ALWAYS AS (json ->> '$.timestamp') NOT NULL
);
UPDATE test_definition SET json = JSON_SET(json, '$.rowLevel', CASE WHEN name IN ('a;b') THEN true ELSE false END)
WHERE name LIKE 'column%';
SELECT 1--1
;
/*!40101 SET NAMES utf8mb4 */;
DELIMITER //
CREATE PROCEDURE omu_fake_fill()
BEGIN
  UPDATE table_entity SET json = JSON_SET(json, '$.a', 1);
  UPDATE table_entity SET json = JSON_SET(json, '$.b', 2);
END //
DELIMITER ;
CALL omu_fake_fill();
UPDATE query_entity SET json = JSON_SET(json, '$.checksum', MD5(json ->> '$.query'))
