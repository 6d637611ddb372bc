-- The W3C traceparent of the request that sent a message (its span's with tracing on, else the sender's own), so
-- each delivery attempt can link to that trace and carry it on to the receiver. Null for messages sent without one.
ALTER TABLE messages ADD COLUMN traceparent text;
