// Numbered schema migrations, applied in order; PRAGMA user_version records the last one applied.
// Never edit a migration that has shipped: add the next one.

export const MIGRATIONS: string[] = [
  `
  CREATE TABLE accounts (
    requester_id TEXT PRIMARY KEY,
    access_key_id TEXT NOT NULL UNIQUE,
    secret_access_key TEXT,
    aws_account_id TEXT NOT NULL,
    created_ms INTEGER NOT NULL
  );
  CREATE TABLE hit_types (
    id TEXT PRIMARY KEY,
    requester_id TEXT NOT NULL,
    group_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    keywords TEXT,
    reward TEXT NOT NULL,
    assignment_duration_s INTEGER NOT NULL,
    auto_approval_delay_s INTEGER NOT NULL,
    qualification_requirements TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    UNIQUE (requester_id, fingerprint)
  );
  CREATE TABLE hit_layouts (
    id TEXT PRIMARY KEY,
    requester_id TEXT,
    template TEXT NOT NULL
  );
  CREATE TABLE hits (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    requester_id TEXT NOT NULL,
    hit_type_id TEXT NOT NULL REFERENCES hit_types (id),
    question TEXT NOT NULL,
    requester_annotation TEXT,
    hit_layout_id TEXT,
    created_ms INTEGER NOT NULL,
    expiration_ms INTEGER NOT NULL,
    max_assignments INTEGER NOT NULL,
    pending INTEGER NOT NULL,
    submitted INTEGER NOT NULL,
    completed INTEGER NOT NULL,
    status TEXT NOT NULL,
    reviewing INTEGER NOT NULL,
    expired INTEGER NOT NULL,
    assignment_review_policy TEXT,
    hit_review_policy TEXT
  );
  CREATE INDEX hits_by_requester ON hits (requester_id, seq);
  CREATE INDEX hits_by_status ON hits (requester_id, status, seq);
  CREATE INDEX hits_due ON hits (expiration_ms) WHERE expired = 0 AND status <> 'Disposed';
  CREATE TABLE workers (
    id TEXT PRIMARY KEY,
    created_ms INTEGER NOT NULL,
    attributes TEXT NOT NULL
  );
  CREATE TABLE assignments (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    hit_id TEXT NOT NULL REFERENCES hits (id),
    worker_id TEXT NOT NULL REFERENCES workers (id),
    requester_id TEXT NOT NULL,
    status TEXT NOT NULL,
    accept_ms INTEGER NOT NULL,
    deadline_ms INTEGER NOT NULL,
    submit_ms INTEGER,
    auto_approval_ms INTEGER,
    approval_ms INTEGER,
    rejection_ms INTEGER,
    ended_ms INTEGER,
    answer TEXT,
    requester_feedback TEXT
  );
  CREATE INDEX assignments_by_hit ON assignments (hit_id, status, seq);
  CREATE INDEX assignments_by_worker ON assignments (worker_id, hit_id);
  CREATE INDEX assignments_deadline ON assignments (deadline_ms) WHERE status = 'Accepted';
  CREATE INDEX assignments_auto_approval ON assignments (auto_approval_ms) WHERE status = 'Submitted';
  CREATE TABLE bonuses (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    requester_id TEXT NOT NULL,
    worker_id TEXT NOT NULL,
    assignment_id TEXT NOT NULL,
    hit_id TEXT NOT NULL,
    amount TEXT NOT NULL,
    reason TEXT NOT NULL,
    grant_ms INTEGER NOT NULL
  );
  CREATE INDEX bonuses_by_hit ON bonuses (hit_id, seq);
  CREATE INDEX bonuses_by_assignment ON bonuses (assignment_id, seq);
  CREATE TABLE uploaded_files (
    assignment_id TEXT NOT NULL,
    question_identifier TEXT NOT NULL,
    file_key TEXT NOT NULL,
    content_type TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (assignment_id, question_identifier)
  );
  CREATE TABLE request_tokens (
    requester_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    token TEXT NOT NULL,
    ref TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    PRIMARY KEY (requester_id, scope, token)
  );
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    time_ms INTEGER NOT NULL,
    requester_id TEXT NOT NULL,
    hit_id TEXT NOT NULL,
    hit_type_id TEXT NOT NULL,
    assignment_id TEXT,
    worker_id TEXT
  );
  `,
  // 2: qualifications, worker blocks, the outbox, notification settings, review-policy results.
  `
  CREATE TABLE qualification_types (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    requester_id TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    keywords TEXT,
    status TEXT NOT NULL,
    test TEXT,
    test_duration_s INTEGER,
    answer_key TEXT,
    retry_delay_s INTEGER,
    auto_granted INTEGER NOT NULL,
    auto_granted_value INTEGER,
    created_ms INTEGER NOT NULL,
    deleted_ms INTEGER
  );
  CREATE INDEX qualification_types_by_name ON qualification_types (requester_id, name) WHERE deleted_ms IS NULL;
  CREATE TABLE worker_qualifications (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    qualification_type_id TEXT NOT NULL,
    worker_id TEXT NOT NULL,
    integer_value INTEGER,
    locale_value TEXT,
    status TEXT NOT NULL,
    grant_ms INTEGER NOT NULL,
    revoked_ms INTEGER,
    reason TEXT,
    UNIQUE (qualification_type_id, worker_id)
  );
  CREATE TABLE qualification_requests (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    qualification_type_id TEXT NOT NULL,
    requester_id TEXT NOT NULL,
    worker_id TEXT NOT NULL,
    test TEXT,
    answer TEXT,
    submit_ms INTEGER NOT NULL,
    status TEXT NOT NULL,
    integer_value INTEGER,
    reason TEXT,
    resolved_ms INTEGER
  );
  CREATE INDEX qualification_requests_pending ON qualification_requests (requester_id, status, seq);
  CREATE INDEX qualification_requests_by_worker ON qualification_requests (worker_id, qualification_type_id, seq);
  CREATE TABLE worker_blocks (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    requester_id TEXT NOT NULL,
    worker_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    UNIQUE (requester_id, worker_id)
  );
  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    worker_id TEXT NOT NULL,
    requester_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    message_text TEXT NOT NULL,
    sent_ms INTEGER NOT NULL
  );
  CREATE INDEX outbox_by_worker ON outbox (worker_id, seq);
  CREATE TABLE notification_settings (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    hit_type_id TEXT NOT NULL,
    requester_id TEXT NOT NULL,
    spec TEXT,
    active INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    after_event_seq INTEGER NOT NULL
  );
  CREATE INDEX notification_settings_by_type ON notification_settings (hit_type_id, seq);
  CREATE TABLE test_notifications (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    requester_id TEXT NOT NULL,
    spec TEXT NOT NULL,
    event_type TEXT NOT NULL,
    time_ms INTEGER NOT NULL,
    after_event_seq INTEGER NOT NULL
  );
  CREATE TABLE review_entries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    hit_id TEXT NOT NULL,
    level TEXT NOT NULL,
    kind TEXT NOT NULL,
    action_id TEXT NOT NULL,
    subject_id TEXT,
    subject_type TEXT,
    question_id TEXT,
    result_key TEXT,
    result_value TEXT,
    action_name TEXT,
    target_id TEXT,
    target_type TEXT,
    status TEXT,
    complete_ms INTEGER,
    result TEXT,
    error_code TEXT
  );
  CREATE INDEX review_entries_by_hit ON review_entries (hit_id, seq);
  CREATE INDEX assignments_by_worker_status ON assignments (worker_id, status);
  `,
  // 3: the worker site and requester console: a HIT's HITLayoutParameters (the batch-results CSV's Input.* columns).
  `
  CREATE TABLE hit_layout_parameters (
    hit_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (hit_id, position)
  );
  CREATE INDEX bonuses_by_worker ON bonuses (worker_id, seq);
  `,
  // 4: notification delivery (src/notifications): one row per document, its attempts, and how far the events
  // and test notifications have been turned into deliveries; the outbox also keeps e-mailed notifications.
  `
  CREATE TABLE notification_deliveries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL UNIQUE,
    requester_id TEXT NOT NULL,
    destination TEXT NOT NULL,
    transport TEXT NOT NULL,
    document TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_ms INTEGER NOT NULL,
    claim TEXT,
    claimed_ms INTEGER,
    created_ms INTEGER NOT NULL
  );
  CREATE INDEX notification_deliveries_due ON notification_deliveries (status, next_attempt_ms, seq);
  CREATE TABLE notification_attempts (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_seq INTEGER NOT NULL,
    time_ms INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    error TEXT
  );
  CREATE INDEX notification_attempts_by_delivery ON notification_attempts (delivery_seq, seq);
  CREATE TABLE notification_cursor (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    event_seq INTEGER NOT NULL,
    test_seq INTEGER NOT NULL
  );
  ALTER TABLE outbox ADD COLUMN recipient TEXT;
  `,
  // Fewer indexes that move with an assignment's status: each accept, submit and approval rewrote them.
  // Per-HIT and per-worker reads filter the status in the few rows of that HIT or worker instead.
  `
  DROP INDEX assignments_by_hit;
  CREATE INDEX assignments_by_hit ON assignments (hit_id, seq);
  DROP INDEX assignments_by_worker_status;
  `,
];
