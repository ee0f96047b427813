-- The escrow ledger (docs/escrow.md): double-entry postings derived from the escrow events of the journal, their lines,
-- the balances they add up to, and the checkpoint (a journal position) of the projection that writes them, all changed
-- in one transaction per page of events. Amounts are minor units of the posting's currency. Parties appear only as
-- opaque ids inside account names ("client-funds:c-42"), never as names or e-mail addresses.

-- One row per money event: posting_id is "<stream>@<version>" of the escrow event, so a posting is stored once.
CREATE TABLE ledger_postings (
    posting_id       text        PRIMARY KEY,
    tenant_id        text        NOT NULL,
    currency         text        NOT NULL,
    journal_position bigint      NOT NULL,
    -- The sum of the debits, which must be the sum of the credits (checked at commit, below).
    total            bigint      NOT NULL CHECK (total > 0),
    recorded_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ledger_postings_tenant ON ledger_postings (tenant_id);

-- A line is a debit (money reaches the account) or a credit (money leaves it), never both.
CREATE TABLE ledger_entries (
    posting_id text   NOT NULL REFERENCES ledger_postings,
    line       int    NOT NULL,
    account    text   NOT NULL,
    debit      bigint NOT NULL CHECK (debit >= 0),
    credit     bigint NOT NULL CHECK (credit >= 0),
    CHECK ((debit = 0) <> (credit = 0)),
    PRIMARY KEY (posting_id, line)
);

-- The stored balances: what the verifier recomputes from the journal and compares.
CREATE TABLE ledger_balances (
    tenant_id text   NOT NULL,
    account   text   NOT NULL,
    currency  text   NOT NULL,
    debits    bigint NOT NULL,
    credits   bigint NOT NULL,
    PRIMARY KEY (tenant_id, account, currency)
);

CREATE TABLE ledger_checkpoint (
    projection text   PRIMARY KEY,
    position   bigint NOT NULL CHECK (position >= 0)
);

INSERT INTO ledger_checkpoint (projection, position) VALUES ('escrow', 0);

-- The database refuses an unbalanced posting too, whoever writes it: at commit, every posting that got lines must have
-- debits = credits = total.
CREATE FUNCTION ledger_posting_balances() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT FROM ledger_postings p
        WHERE p.posting_id = NEW.posting_id
          AND (p.total IS DISTINCT FROM (SELECT sum(debit) FROM ledger_entries e WHERE e.posting_id = p.posting_id)
            OR p.total IS DISTINCT FROM (SELECT sum(credit) FROM ledger_entries e WHERE e.posting_id = p.posting_id))) THEN
        RAISE EXCEPTION 'ledger posting % does not balance: its debits and credits must both equal its total', NEW.posting_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER ledger_entries_balance
    AFTER INSERT OR UPDATE ON ledger_entries
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_posting_balances();
