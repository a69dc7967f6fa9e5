-- FAKE baseline of omupgrade's test distribution (2.x layout): OpenMetadata 2.x runs its
-- bootstrap/sql/migrations/baseline/<engine>/schema.sql, the frozen schema of every version
-- below 2.0.0, on an empty database instead of the old folders. The fake never runs it.
SELECT 1;
