-- FAKE native migration 1.3.0 of omupgrade's test distribution: 1.3.0 drops every alert.
DELETE FROM event_subscription_entity;
