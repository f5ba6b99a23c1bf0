//! Annotations: the user's verdicts, notes, tags and links, kept in a durable journal.
