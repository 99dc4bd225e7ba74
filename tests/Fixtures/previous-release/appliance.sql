--
-- PostgreSQL database dump
--

\restrict Jc5I6GQqwHVXu4I3cdPMF6ePfNs0E7lAHoyQIqbNUw0QogpkS1LgceIWbqnbeoe

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: hangfire; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA hangfire;


--
-- Name: journal_refuse_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.journal_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    raise exception 'the journal is append-only (% refused)', tg_op;
end $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: aggregatedcounter; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.aggregatedcounter (
    id bigint NOT NULL,
    key text NOT NULL,
    value bigint NOT NULL,
    expireat timestamp with time zone
);


--
-- Name: aggregatedcounter_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.aggregatedcounter_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: aggregatedcounter_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.aggregatedcounter_id_seq OWNED BY hangfire.aggregatedcounter.id;


--
-- Name: counter; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.counter (
    id bigint NOT NULL,
    key text NOT NULL,
    value bigint NOT NULL,
    expireat timestamp with time zone
);


--
-- Name: counter_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.counter_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: counter_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.counter_id_seq OWNED BY hangfire.counter.id;


--
-- Name: hash; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.hash (
    id bigint NOT NULL,
    key text NOT NULL,
    field text NOT NULL,
    value text,
    expireat timestamp with time zone,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: hash_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.hash_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: hash_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.hash_id_seq OWNED BY hangfire.hash.id;


--
-- Name: job; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.job (
    id bigint NOT NULL,
    stateid bigint,
    statename text,
    invocationdata jsonb NOT NULL,
    arguments jsonb NOT NULL,
    createdat timestamp with time zone NOT NULL,
    expireat timestamp with time zone,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: job_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.job_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: job_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.job_id_seq OWNED BY hangfire.job.id;


--
-- Name: jobparameter; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.jobparameter (
    id bigint NOT NULL,
    jobid bigint NOT NULL,
    name text NOT NULL,
    value text,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: jobparameter_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.jobparameter_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: jobparameter_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.jobparameter_id_seq OWNED BY hangfire.jobparameter.id;


--
-- Name: jobqueue; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.jobqueue (
    id bigint NOT NULL,
    jobid bigint NOT NULL,
    queue text NOT NULL,
    fetchedat timestamp with time zone,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: jobqueue_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.jobqueue_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: jobqueue_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.jobqueue_id_seq OWNED BY hangfire.jobqueue.id;


--
-- Name: list; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.list (
    id bigint NOT NULL,
    key text NOT NULL,
    value text,
    expireat timestamp with time zone,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: list_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.list_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: list_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.list_id_seq OWNED BY hangfire.list.id;


--
-- Name: lock; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.lock (
    resource text NOT NULL,
    updatecount integer DEFAULT 0 NOT NULL,
    acquired timestamp with time zone
);


--
-- Name: schema; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.schema (
    version integer NOT NULL
);


--
-- Name: server; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.server (
    id text NOT NULL,
    data jsonb,
    lastheartbeat timestamp with time zone NOT NULL,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: set; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.set (
    id bigint NOT NULL,
    key text NOT NULL,
    score double precision NOT NULL,
    value text NOT NULL,
    expireat timestamp with time zone,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: set_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.set_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: set_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.set_id_seq OWNED BY hangfire.set.id;


--
-- Name: state; Type: TABLE; Schema: hangfire; Owner: -
--

CREATE TABLE hangfire.state (
    id bigint NOT NULL,
    jobid bigint NOT NULL,
    name text NOT NULL,
    reason text,
    createdat timestamp with time zone NOT NULL,
    data jsonb,
    updatecount integer DEFAULT 0 NOT NULL
);


--
-- Name: state_id_seq; Type: SEQUENCE; Schema: hangfire; Owner: -
--

CREATE SEQUENCE hangfire.state_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: state_id_seq; Type: SEQUENCE OWNED BY; Schema: hangfire; Owner: -
--

ALTER SEQUENCE hangfire.state_id_seq OWNED BY hangfire.state.id;


--
-- Name: devices; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.devices (
    device_id text NOT NULL,
    name text NOT NULL,
    role text NOT NULL,
    token_hash bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    revoked_at timestamp with time zone,
    revoked_by text,
    journal_pending boolean DEFAULT false NOT NULL,
    CONSTRAINT devices_role_check CHECK ((role = ANY (ARRAY['server'::text, 'bartender'::text, 'manager'::text, 'kitchen'::text, 'integration'::text])))
);


--
-- Name: employee_pins; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.employee_pins (
    employee_id text NOT NULL,
    version integer NOT NULL,
    pin_hash text NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: idempotency; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.idempotency (
    key text NOT NULL,
    request_hash bytea NOT NULL,
    body text NOT NULL,
    stream_id text,
    first_seq bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    outcome text,
    version integer
);


--
-- Name: journal; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.journal (
    seq bigint NOT NULL,
    event_id uuid NOT NULL,
    stream_id text NOT NULL,
    stream_version integer NOT NULL,
    type text NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    device_id text NOT NULL,
    business_date date,
    data jsonb NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    issued_at timestamp with time zone,
    employee_id text,
    approved_by text,
    CONSTRAINT journal_seq_positive CHECK ((seq > 0)),
    CONSTRAINT journal_stream_version_positive CHECK ((stream_version > 0))
);


--
-- Name: orleansquery; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleansquery (
    querykey character varying(64) NOT NULL,
    querytext text NOT NULL
);


--
-- Name: orleansstorage; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleansstorage (
    serviceid character varying(150) NOT NULL,
    graintypestring character varying(512) NOT NULL,
    grainidn0 bigint NOT NULL,
    grainidn1 bigint NOT NULL,
    grainidextensionstring character varying(512),
    graintypehash integer NOT NULL,
    grainidhash integer NOT NULL,
    payloadbinary bytea,
    version integer NOT NULL,
    modifiedon timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT orleansstorage_version_positive CHECK ((version > 0))
);


--
-- Name: pairing_codes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.pairing_codes (
    code_id uuid NOT NULL,
    code_hash bytea NOT NULL,
    role text NOT NULL,
    name text,
    created_by text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    used_by text,
    used_key_hash bytea,
    used_fingerprint bytea,
    sealed_token bytea,
    CONSTRAINT pairing_codes_role_check CHECK ((role = ANY (ARRAY['server'::text, 'bartender'::text, 'manager'::text, 'kitchen'::text, 'integration'::text])))
);


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    name text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: staff_sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.staff_sessions (
    session_id uuid NOT NULL,
    token_hash bytea NOT NULL,
    employee_id text NOT NULL,
    device_id text NOT NULL,
    started_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone
);


--
-- Name: sync_checkpoint; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sync_checkpoint (
    id integer DEFAULT 1 NOT NULL,
    acked_seq bigint DEFAULT 0 NOT NULL,
    last_success_at timestamp with time zone,
    last_error text,
    last_error_at timestamp with time zone,
    menu_version integer DEFAULT 0 NOT NULL,
    menu_pulled_at timestamp with time zone,
    CONSTRAINT sync_checkpoint_id_check CHECK ((id = 1))
);


--
-- Name: aggregatedcounter id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.aggregatedcounter ALTER COLUMN id SET DEFAULT nextval('hangfire.aggregatedcounter_id_seq'::regclass);


--
-- Name: counter id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.counter ALTER COLUMN id SET DEFAULT nextval('hangfire.counter_id_seq'::regclass);


--
-- Name: hash id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.hash ALTER COLUMN id SET DEFAULT nextval('hangfire.hash_id_seq'::regclass);


--
-- Name: job id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.job ALTER COLUMN id SET DEFAULT nextval('hangfire.job_id_seq'::regclass);


--
-- Name: jobparameter id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.jobparameter ALTER COLUMN id SET DEFAULT nextval('hangfire.jobparameter_id_seq'::regclass);


--
-- Name: jobqueue id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.jobqueue ALTER COLUMN id SET DEFAULT nextval('hangfire.jobqueue_id_seq'::regclass);


--
-- Name: list id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.list ALTER COLUMN id SET DEFAULT nextval('hangfire.list_id_seq'::regclass);


--
-- Name: set id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.set ALTER COLUMN id SET DEFAULT nextval('hangfire.set_id_seq'::regclass);


--
-- Name: state id; Type: DEFAULT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.state ALTER COLUMN id SET DEFAULT nextval('hangfire.state_id_seq'::regclass);


--
-- Data for Name: aggregatedcounter; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.aggregatedcounter (id, key, value, expireat) FROM stdin;
\.


--
-- Data for Name: counter; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.counter (id, key, value, expireat) FROM stdin;
\.


--
-- Data for Name: hash; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.hash (id, key, field, value, expireat, updatecount) FROM stdin;
1	recurring-job:journal-sync	Queue	default	\N	0
2	recurring-job:journal-sync	Cron	* * * * *	\N	0
3	recurring-job:journal-sync	TimeZoneId	UTC	\N	0
4	recurring-job:journal-sync	Job	{"t":"Pos.Appliance.Sync.SyncJob, Pos.Appliance","m":"RunAsync","p":["Hangfire.Server.PerformContext, Hangfire.Core","System.Threading.CancellationToken, mscorlib"],"a":[null,null]}	\N	0
5	recurring-job:journal-sync	CreatedAt	1796309042894	\N	0
6	recurring-job:journal-sync	NextExecution	1796309100000	\N	0
7	recurring-job:journal-sync	V	2	\N	0
\.


--
-- Data for Name: job; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.job (id, stateid, statename, invocationdata, arguments, createdat, expireat, updatecount) FROM stdin;
1	2	Processing	{"Type": "Pos.Appliance.Sync.SyncJob, Pos.Appliance", "Method": "RunAsync", "Arguments": "[null,null]", "ParameterTypes": "[\\"Hangfire.Server.PerformContext, Hangfire.Core\\",\\"System.Threading.CancellationToken, mscorlib\\"]"}	[null, null]	2026-12-03 14:44:03.213914+00	\N	0
\.


--
-- Data for Name: jobparameter; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.jobparameter (id, jobid, name, value, updatecount) FROM stdin;
1	1	CurrentCulture	""	0
\.


--
-- Data for Name: jobqueue; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.jobqueue (id, jobid, queue, fetchedat, updatecount) FROM stdin;
1	1	sync	\N	0
\.


--
-- Data for Name: list; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.list (id, key, value, expireat, updatecount) FROM stdin;
\.


--
-- Data for Name: lock; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.lock (resource, updatecount, acquired) FROM stdin;
\.


--
-- Data for Name: schema; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.schema (version) FROM stdin;
23
\.


--
-- Data for Name: server; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.server (id, data, lastheartbeat, updatecount) FROM stdin;
\.


--
-- Data for Name: set; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.set (id, key, score, value, expireat, updatecount) FROM stdin;
1	recurring-jobs	1796309100	journal-sync	\N	0
\.


--
-- Data for Name: state; Type: TABLE DATA; Schema: hangfire; Owner: -
--

COPY hangfire.state (id, jobid, name, reason, createdat, data, updatecount) FROM stdin;
1	1	Enqueued	\N	2026-12-03 14:44:03.502964+00	{"Queue": "sync", "EnqueuedAt": "1796309043095"}	0
2	1	Processing	\N	2026-12-03 14:44:04.040293+00	{"ServerId": "appliance-vm:15721:086e80a5-72df-4f0c-8d6b-0ad5866a7be5", "WorkerId": "6b63c8a4-99b7-47ef-a95c-92253a768131", "StartedAt": "1796309043731"}	0
\.


--
-- Data for Name: devices; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.devices (device_id, name, role, token_hash, created_at, revoked_at, revoked_by, journal_pending) FROM stdin;
\.


--
-- Data for Name: employee_pins; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.employee_pins (employee_id, version, pin_hash, created_at) FROM stdin;
\.


--
-- Data for Name: idempotency; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.idempotency (key, request_hash, body, stream_id, first_seq, created_at, outcome, version) FROM stdin;
key:admin:line-96a872fc-a012-418b-b90e-c55f1c20555a	\\x822b4409fb591fccb284bd7858bdd4a416fa480c95b5c18a50fcab65dc5ddd01		order-96a872fc-a012-418b-b90e-c55f1c20555a	3	2026-12-03 14:44:08.877538+00	applied	2
key:admin:line-b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623	\\x142c4690977cb727ca3327313089603c2dd65cae8a0189996ca3676244702b58		order-b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623	10	2026-12-03 14:44:09.999344+00	applied	2
key:admin:line-ffccfd91-6326-4f28-81c3-29dccdcf6353	\\x5910b6e6d8f9a1ea5b8cfa610de08c92f3c70281c24430595d61e6fee7d15b6d		order-ffccfd91-6326-4f28-81c3-29dccdcf6353	17	2026-12-03 14:44:10.857346+00	applied	2
key:admin:line-2db39619-5bc4-43e5-8253-1b454a563bfc	\\x96ed58ae81e739219c15895a49bdcda2a1c03a8cb4136a715f763fb85059658c		order-2db39619-5bc4-43e5-8253-1b454a563bfc	25	2026-12-03 14:44:12.439534+00	applied	2
key:admin:line-3829b28f-41d0-4add-bf17-e55cf01bb733	\\x0008a5904ff99319ed4f2df401cd429fdfb001ee6c161367e2b70a33db349105		order-3829b28f-41d0-4add-bf17-e55cf01bb733	32	2026-12-03 14:44:13.482253+00	applied	2
key:admin:line-3cb9bf3a-990d-4b09-88a2-2b6e7c8552ee	\\x1566d5cc92c2fa8b97450e07a36a1e1aff3d9b9d26f9ac7c958bbc88821b73f8		order-3cb9bf3a-990d-4b09-88a2-2b6e7c8552ee	39	2026-12-03 14:44:14.91476+00	applied	2
\.


--
-- Data for Name: journal; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.journal (seq, event_id, stream_id, stream_version, type, occurred_at, device_id, business_date, data, recorded_at, issued_at, employee_id, approved_by) FROM stdin;
1	01a23c5c-d94b-7651-bc3c-9147b8cd6b0e	menu	1	MenuReplaced	2026-12-03 14:44:07.62599+00	admin	\N	{"items": [{"id": "burger", "name": "Burger", "station": "kitchen", "taxRateBp": 825, "categoryId": "mains", "priceMinor": 1250, "modifierGroups": []}, {"id": "fries", "name": "Fries", "station": "kitchen", "taxRateBp": 825, "categoryId": "mains", "priceMinor": 450, "modifierGroups": []}, {"id": "ipa", "name": "IPA", "station": "bar", "taxRateBp": 1000, "categoryId": "drinks", "priceMinor": 700, "modifierGroups": []}], "version": 1, "currency": "USD", "categories": [{"id": "mains", "name": "Mains"}, {"id": "drinks", "name": "Drinks"}]}	2026-12-03 14:44:07.720151+00	\N	\N	\N
2	01a23c5c-dcef-72e8-a5d7-1d78c5397daa	order-96a872fc-a012-418b-b90e-c55f1c20555a	1	OrderOpened	2026-12-03 14:44:08.592608+00	admin	2026-12-03	{"table": "1", "guests": 2, "number": 1, "channel": "dine-in", "orderId": "96a872fc-a012-418b-b90e-c55f1c20555a", "currency": "USD", "openedAt": "2026-12-03T14:44:08.5013826+00:00", "splitFrom": null, "carriedFrom": null, "businessDate": "2026-12-03"}	2026-12-03 14:44:08.614146+00	\N	\N	\N
3	01a23c5c-de29-7cfc-94e4-6c53a68e3365	order-96a872fc-a012-418b-b90e-c55f1c20555a	2	LineAdded	2026-12-03 14:44:08.877538+00	admin	2026-12-03	{"held": false, "name": "Burger", "note": null, "lineId": "9e030c96-d41d-47b3-9181-d96df8a87e41", "counted": false, "options": [], "station": "kitchen", "quantity": 2, "modifiers": [], "taxRateBp": 825, "menuItemId": "burger", "unitPriceMinor": 1250}	2026-12-03 14:44:08.90361+00	\N	\N	\N
4	01a23c5c-deed-7b19-8b7a-5925a0a3db6b	order-96a872fc-a012-418b-b90e-c55f1c20555a	3	LineAdded	2026-12-03 14:44:09.069935+00	admin	2026-12-03	{"held": false, "name": "IPA", "note": "no glass", "lineId": "8f3a745b-6988-41d5-836b-f4fc3b4ec421", "counted": false, "options": [], "station": "bar", "quantity": 1, "modifiers": [], "taxRateBp": 1000, "menuItemId": "ipa", "unitPriceMinor": 700}	2026-12-03 14:44:09.071079+00	\N	\N	\N
5	01a23c5c-df64-7255-8963-0365127cbfbb	order-96a872fc-a012-418b-b90e-c55f1c20555a	4	LineAdded	2026-12-03 14:44:09.18913+00	admin	2026-12-03	{"held": false, "name": "Fries", "note": null, "lineId": "22ba58cd-558f-4292-bb19-d9cb46d2eddb", "counted": false, "options": [], "station": "kitchen", "quantity": 1, "modifiers": [], "taxRateBp": 825, "menuItemId": "fries", "unitPriceMinor": 450}	2026-12-03 14:44:09.190078+00	\N	\N	\N
6	01a23c5c-dfdd-7c15-90fe-a248cae6c879	order-96a872fc-a012-418b-b90e-c55f1c20555a	5	OrderFired	2026-12-03 14:44:09.314143+00	admin	2026-12-03	{"course": null, "firedAt": "2026-12-03T14:44:09.2792535+00:00", "lineIds": ["9e030c96-d41d-47b3-9181-d96df8a87e41", "8f3a745b-6988-41d5-836b-f4fc3b4ec421", "22ba58cd-558f-4292-bb19-d9cb46d2eddb"]}	2026-12-03 14:44:09.319493+00	\N	\N	\N
7	01a23c5c-e0e4-794b-aeb2-f5244c076378	order-96a872fc-a012-418b-b90e-c55f1c20555a	6	PaymentAdded	2026-12-03 14:44:09.577326+00	admin	2026-12-03	{"tender": "card", "tipMinor": 100, "paymentId": "ddcd0d06-78f9-47af-91d3-829cbdd29489", "reference": null, "employeeId": null, "amountMinor": 3963, "changeMinor": 0, "drawerSessionId": null}	2026-12-03 14:44:09.57849+00	\N	\N	\N
8	01a23c5c-e12b-714a-9433-2fe9774da40f	order-96a872fc-a012-418b-b90e-c55f1c20555a	7	OrderClosed	2026-12-03 14:44:09.645197+00	admin	2026-12-03	{"closedAt": "2026-12-03T14:44:09.6381071+00:00", "mergedInto": null, "carriedOverTo": null, "writeOffReason": null, "writtenOffMinor": 0}	2026-12-03 14:44:09.649455+00	\N	\N	\N
9	01a23c5c-e1fb-788e-840f-87864a4ac31e	order-b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623	1	OrderOpened	2026-12-03 14:44:09.85152+00	admin	2026-12-03	{"table": "2", "guests": 2, "number": 2, "channel": "dine-in", "orderId": "b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623", "currency": "USD", "openedAt": "2026-12-03T14:44:09.8510606+00:00", "splitFrom": null, "carriedFrom": null, "businessDate": "2026-12-03"}	2026-12-03 14:44:09.853009+00	\N	\N	\N
10	01a23c5c-e28f-7881-bea8-39748d7e1ee5	order-b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623	2	LineAdded	2026-12-03 14:44:09.999344+00	admin	2026-12-03	{"held": false, "name": "Burger", "note": null, "lineId": "fffed50b-2d74-4688-8526-e75bc0d5d02e", "counted": false, "options": [], "station": "kitchen", "quantity": 3, "modifiers": [], "taxRateBp": 825, "menuItemId": "burger", "unitPriceMinor": 1250}	2026-12-03 14:44:10.017898+00	\N	\N	\N
11	01a23c5c-e2f6-7f8d-b283-10c6c6a6f924	order-b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623	3	LineAdded	2026-12-03 14:44:10.10263+00	admin	2026-12-03	{"held": false, "name": "IPA", "note": "no glass", "lineId": "432969f8-35c6-4d60-9fe1-be76e85b8aca", "counted": false, "options": [], "station": "bar", "quantity": 1, "modifiers": [], "taxRateBp": 1000, "menuItemId": "ipa", "unitPriceMinor": 700}	2026-12-03 14:44:10.103488+00	\N	\N	\N
12	01a23c5c-e371-7cd0-bbc2-87503506a6b2	order-b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623	4	LineAdded	2026-12-03 14:44:10.225397+00	admin	2026-12-03	{"held": false, "name": "Fries", "note": null, "lineId": "6ed210c0-e334-43a8-ae4a-19d1a2ed9c9d", "counted": false, "options": [], "station": "kitchen", "quantity": 2, "modifiers": [], "taxRateBp": 825, "menuItemId": "fries", "unitPriceMinor": 450}	2026-12-03 14:44:10.230495+00	\N	\N	\N
13	01a23c5c-e3e3-76f3-90ee-b4ab799dd185	order-b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623	5	OrderFired	2026-12-03 14:44:10.339222+00	admin	2026-12-03	{"course": null, "firedAt": "2026-12-03T14:44:10.3389891+00:00", "lineIds": ["fffed50b-2d74-4688-8526-e75bc0d5d02e", "432969f8-35c6-4d60-9fe1-be76e85b8aca", "6ed210c0-e334-43a8-ae4a-19d1a2ed9c9d"]}	2026-12-03 14:44:10.339904+00	\N	\N	\N
14	01a23c5c-e4c4-754e-ba2f-dec0bf9fcfa6	order-b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623	6	PaymentAdded	2026-12-03 14:44:10.564136+00	admin	2026-12-03	{"tender": "cash", "tipMinor": 200, "paymentId": "6ceff6b3-48c0-4bad-9577-8295c4fe1673", "reference": null, "employeeId": null, "amountMinor": 5803, "changeMinor": 0, "drawerSessionId": null}	2026-12-03 14:44:10.564807+00	\N	\N	\N
15	01a23c5c-e544-7557-b74b-a8743925479c	order-b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623	7	OrderClosed	2026-12-03 14:44:10.692538+00	admin	2026-12-03	{"closedAt": "2026-12-03T14:44:10.6923106+00:00", "mergedInto": null, "carriedOverTo": null, "writeOffReason": null, "writtenOffMinor": 0}	2026-12-03 14:44:10.692977+00	\N	\N	\N
16	01a23c5c-e5bf-7450-8ad7-e024f4a79a1d	order-ffccfd91-6326-4f28-81c3-29dccdcf6353	1	OrderOpened	2026-12-03 14:44:10.815449+00	admin	2026-12-03	{"table": "3", "guests": 2, "number": 3, "channel": "dine-in", "orderId": "ffccfd91-6326-4f28-81c3-29dccdcf6353", "currency": "USD", "openedAt": "2026-12-03T14:44:10.8150047+00:00", "splitFrom": null, "carriedFrom": null, "businessDate": "2026-12-03"}	2026-12-03 14:44:10.816625+00	\N	\N	\N
17	01a23c5c-e5e9-77c2-989f-c3cef9cc4314	order-ffccfd91-6326-4f28-81c3-29dccdcf6353	2	LineAdded	2026-12-03 14:44:10.857346+00	admin	2026-12-03	{"held": false, "name": "Burger", "note": null, "lineId": "bdb3c5ff-de53-480d-9804-f329b69b9fc7", "counted": false, "options": [], "station": "kitchen", "quantity": 1, "modifiers": [], "taxRateBp": 825, "menuItemId": "burger", "unitPriceMinor": 1250}	2026-12-03 14:44:10.858715+00	\N	\N	\N
18	01a23c5c-e61e-7695-aff8-2ba57b678ab9	order-ffccfd91-6326-4f28-81c3-29dccdcf6353	3	LineAdded	2026-12-03 14:44:10.910968+00	admin	2026-12-03	{"held": false, "name": "IPA", "note": "no glass", "lineId": "79472548-f964-4079-ba2f-b4cc80ca94ed", "counted": false, "options": [], "station": "bar", "quantity": 1, "modifiers": [], "taxRateBp": 1000, "menuItemId": "ipa", "unitPriceMinor": 700}	2026-12-03 14:44:10.918555+00	\N	\N	\N
19	01a23c5c-e6fd-707f-91a2-6b1ce93e75da	order-ffccfd91-6326-4f28-81c3-29dccdcf6353	4	LineAdded	2026-12-03 14:44:11.133493+00	admin	2026-12-03	{"held": false, "name": "Fries", "note": null, "lineId": "cc004760-2c2e-494d-8150-91464caaf88c", "counted": false, "options": [], "station": "kitchen", "quantity": 3, "modifiers": [], "taxRateBp": 825, "menuItemId": "fries", "unitPriceMinor": 450}	2026-12-03 14:44:11.134195+00	\N	\N	\N
20	01a23c5c-e75c-7db5-acf1-5cbcee0dd219	order-ffccfd91-6326-4f28-81c3-29dccdcf6353	5	OrderFired	2026-12-03 14:44:11.229078+00	admin	2026-12-03	{"course": null, "firedAt": "2026-12-03T14:44:11.2288177+00:00", "lineIds": ["bdb3c5ff-de53-480d-9804-f329b69b9fc7", "79472548-f964-4079-ba2f-b4cc80ca94ed", "cc004760-2c2e-494d-8150-91464caaf88c"]}	2026-12-03 14:44:11.229573+00	\N	\N	\N
21	01a23c5c-e982-7a2d-896c-e37901786d2b	order-ffccfd91-6326-4f28-81c3-29dccdcf6353	6	PaymentAdded	2026-12-03 14:44:11.778899+00	admin	2026-12-03	{"tender": "card", "tipMinor": 300, "paymentId": "5327daef-2396-45be-98a5-0afa1154e95e", "reference": null, "employeeId": null, "amountMinor": 3584, "changeMinor": 0, "drawerSessionId": null}	2026-12-03 14:44:11.782625+00	\N	\N	\N
22	01a23c5c-ea21-7538-b79d-a61c447feafd	order-ffccfd91-6326-4f28-81c3-29dccdcf6353	7	OrderClosed	2026-12-03 14:44:11.938023+00	admin	2026-12-03	{"closedAt": "2026-12-03T14:44:11.9378174+00:00", "mergedInto": null, "carriedOverTo": null, "writeOffReason": null, "writtenOffMinor": 0}	2026-12-03 14:44:11.938475+00	\N	\N	\N
23	01a23c5c-eb29-7110-a5c5-680e14b186f3	order-ffccfd91-6326-4f28-81c3-29dccdcf6353	8	RefundRecorded	2026-12-03 14:44:12.206838+00	admin	2026-12-03	{"reason": "cold fries", "tender": "card", "lineIds": [], "refundId": "b24a7009-3c61-4fe3-840d-404145b32ac5", "employeeId": null, "amountMinor": 450, "businessDate": "2026-12-03", "drawerSessionId": null}	2026-12-03 14:44:12.207855+00	\N	\N	\N
24	01a23c5c-ebd7-7b53-8a76-f7e60909b44a	order-2db39619-5bc4-43e5-8253-1b454a563bfc	1	OrderOpened	2026-12-03 14:44:12.375121+00	admin	2026-12-03	{"table": "4", "guests": 2, "number": 4, "channel": "dine-in", "orderId": "2db39619-5bc4-43e5-8253-1b454a563bfc", "currency": "USD", "openedAt": "2026-12-03T14:44:12.3746851+00:00", "splitFrom": null, "carriedFrom": null, "businessDate": "2026-12-03"}	2026-12-03 14:44:12.37621+00	\N	\N	\N
25	01a23c5c-ec17-7048-a29e-91b883df8f85	order-2db39619-5bc4-43e5-8253-1b454a563bfc	2	LineAdded	2026-12-03 14:44:12.439534+00	admin	2026-12-03	{"held": false, "name": "Burger", "note": null, "lineId": "70e8c161-f85b-4612-b070-4b21a0c2ac61", "counted": false, "options": [], "station": "kitchen", "quantity": 2, "modifiers": [], "taxRateBp": 825, "menuItemId": "burger", "unitPriceMinor": 1250}	2026-12-03 14:44:12.440748+00	\N	\N	\N
26	01a23c5c-ec69-7f0e-9df3-3614eec930ed	order-2db39619-5bc4-43e5-8253-1b454a563bfc	3	LineAdded	2026-12-03 14:44:12.521246+00	admin	2026-12-03	{"held": false, "name": "IPA", "note": "no glass", "lineId": "a8941e4a-63ab-43b2-accb-5a1fcc7cf920", "counted": false, "options": [], "station": "bar", "quantity": 1, "modifiers": [], "taxRateBp": 1000, "menuItemId": "ipa", "unitPriceMinor": 700}	2026-12-03 14:44:12.521709+00	\N	\N	\N
27	01a23c5c-ece8-7147-9cc1-b828bd51d820	order-2db39619-5bc4-43e5-8253-1b454a563bfc	4	LineAdded	2026-12-03 14:44:12.648121+00	admin	2026-12-03	{"held": false, "name": "Fries", "note": null, "lineId": "01d71caf-6cff-4c8a-a2f8-093d773ab1d4", "counted": false, "options": [], "station": "kitchen", "quantity": 4, "modifiers": [], "taxRateBp": 825, "menuItemId": "fries", "unitPriceMinor": 450}	2026-12-03 14:44:12.650573+00	\N	\N	\N
28	01a23c5c-edb0-7266-b28d-6fdabe2e2f27	order-2db39619-5bc4-43e5-8253-1b454a563bfc	5	OrderFired	2026-12-03 14:44:12.849013+00	admin	2026-12-03	{"course": null, "firedAt": "2026-12-03T14:44:12.8487914+00:00", "lineIds": ["70e8c161-f85b-4612-b070-4b21a0c2ac61", "a8941e4a-63ab-43b2-accb-5a1fcc7cf920", "01d71caf-6cff-4c8a-a2f8-093d773ab1d4"]}	2026-12-03 14:44:12.849551+00	\N	\N	\N
29	01a23c5c-eeb6-7617-92a4-8fb9186e9ef2	order-2db39619-5bc4-43e5-8253-1b454a563bfc	6	PaymentAdded	2026-12-03 14:44:13.110888+00	admin	2026-12-03	{"tender": "cash", "tipMinor": 400, "paymentId": "72e87de4-8528-4685-baf4-602023f9f3b7", "reference": null, "employeeId": null, "amountMinor": 5425, "changeMinor": 0, "drawerSessionId": null}	2026-12-03 14:44:13.111336+00	\N	\N	\N
30	01a23c5c-ef44-766b-928c-d8d1d44d5663	order-2db39619-5bc4-43e5-8253-1b454a563bfc	7	OrderClosed	2026-12-03 14:44:13.252626+00	admin	2026-12-03	{"closedAt": "2026-12-03T14:44:13.2523588+00:00", "mergedInto": null, "carriedOverTo": null, "writeOffReason": null, "writtenOffMinor": 0}	2026-12-03 14:44:13.253504+00	\N	\N	\N
31	01a23c5c-efdb-731a-9495-6033e080d229	order-3829b28f-41d0-4add-bf17-e55cf01bb733	1	OrderOpened	2026-12-03 14:44:13.403453+00	admin	2026-12-03	{"table": "5", "guests": 2, "number": 5, "channel": "dine-in", "orderId": "3829b28f-41d0-4add-bf17-e55cf01bb733", "currency": "USD", "openedAt": "2026-12-03T14:44:13.4030032+00:00", "splitFrom": null, "carriedFrom": null, "businessDate": "2026-12-03"}	2026-12-03 14:44:13.404947+00	\N	\N	\N
32	01a23c5c-f02a-742f-9736-59e9d3540ee6	order-3829b28f-41d0-4add-bf17-e55cf01bb733	2	LineAdded	2026-12-03 14:44:13.482253+00	admin	2026-12-03	{"held": false, "name": "Burger", "note": null, "lineId": "edfaad02-05d4-42f2-a0b7-6fa46d8bd5ce", "counted": false, "options": [], "station": "kitchen", "quantity": 3, "modifiers": [], "taxRateBp": 825, "menuItemId": "burger", "unitPriceMinor": 1250}	2026-12-03 14:44:13.483886+00	\N	\N	\N
33	01a23c5c-f078-7f95-ada2-59a7f591e275	order-3829b28f-41d0-4add-bf17-e55cf01bb733	3	LineAdded	2026-12-03 14:44:13.560636+00	admin	2026-12-03	{"held": false, "name": "IPA", "note": "no glass", "lineId": "b5ff99a8-aa2d-4b99-9c32-9ccf429031fe", "counted": false, "options": [], "station": "bar", "quantity": 1, "modifiers": [], "taxRateBp": 1000, "menuItemId": "ipa", "unitPriceMinor": 700}	2026-12-03 14:44:13.566603+00	\N	\N	\N
34	01a23c5c-f188-7ce1-b5b9-f5c6afcdb539	order-3829b28f-41d0-4add-bf17-e55cf01bb733	4	LineAdded	2026-12-03 14:44:13.832087+00	admin	2026-12-03	{"held": false, "name": "Fries", "note": null, "lineId": "f139acd9-7830-41f1-9c1d-d3e9c160d380", "counted": false, "options": [], "station": "kitchen", "quantity": 5, "modifiers": [], "taxRateBp": 825, "menuItemId": "fries", "unitPriceMinor": 450}	2026-12-03 14:44:13.832672+00	\N	\N	\N
35	01a23c5c-f225-790f-bb74-1d215ebc3afc	order-3829b28f-41d0-4add-bf17-e55cf01bb733	5	OrderFired	2026-12-03 14:44:13.98987+00	admin	2026-12-03	{"course": null, "firedAt": "2026-12-03T14:44:13.9895165+00:00", "lineIds": ["edfaad02-05d4-42f2-a0b7-6fa46d8bd5ce", "b5ff99a8-aa2d-4b99-9c32-9ccf429031fe", "f139acd9-7830-41f1-9c1d-d3e9c160d380"]}	2026-12-03 14:44:13.990365+00	\N	\N	\N
36	01a23c5c-f344-763d-8dcb-f61577cf8acb	order-3829b28f-41d0-4add-bf17-e55cf01bb733	6	PaymentAdded	2026-12-03 14:44:14.276318+00	admin	2026-12-03	{"tender": "card", "tipMinor": 500, "paymentId": "c3d1cf8a-de4d-408d-8df5-f177a2983b00", "reference": null, "employeeId": null, "amountMinor": 7265, "changeMinor": 0, "drawerSessionId": null}	2026-12-03 14:44:14.276748+00	\N	\N	\N
37	01a23c5c-f3cf-7b8a-9dcd-60d61c6d1c67	order-3829b28f-41d0-4add-bf17-e55cf01bb733	7	OrderClosed	2026-12-03 14:44:14.415728+00	admin	2026-12-03	{"closedAt": "2026-12-03T14:44:14.4155763+00:00", "mergedInto": null, "carriedOverTo": null, "writeOffReason": null, "writtenOffMinor": 0}	2026-12-03 14:44:14.426263+00	\N	\N	\N
38	01a23c5c-f4aa-7cde-88dc-e9188bd575ba	order-3cb9bf3a-990d-4b09-88a2-2b6e7c8552ee	1	OrderOpened	2026-12-03 14:44:14.63474+00	admin	2026-12-03	{"table": "6", "guests": 2, "number": 6, "channel": "dine-in", "orderId": "3cb9bf3a-990d-4b09-88a2-2b6e7c8552ee", "currency": "USD", "openedAt": "2026-12-03T14:44:14.6342549+00:00", "splitFrom": null, "carriedFrom": null, "businessDate": "2026-12-03"}	2026-12-03 14:44:14.647356+00	\N	\N	\N
39	01a23c5c-f5c2-7e24-855e-d2c66884ff01	order-3cb9bf3a-990d-4b09-88a2-2b6e7c8552ee	2	LineAdded	2026-12-03 14:44:14.91476+00	admin	2026-12-03	{"held": false, "name": "Burger", "note": null, "lineId": "269b8b06-92d3-4165-a769-24a32c34106e", "counted": false, "options": [], "station": "kitchen", "quantity": 1, "modifiers": [], "taxRateBp": 825, "menuItemId": "burger", "unitPriceMinor": 1250}	2026-12-03 14:44:14.942153+00	\N	\N	\N
40	01a23c5c-f705-7f44-96be-f0269b73d886	order-3cb9bf3a-990d-4b09-88a2-2b6e7c8552ee	3	LineAdded	2026-12-03 14:44:15.237642+00	admin	2026-12-03	{"held": false, "name": "IPA", "note": "no glass", "lineId": "22f57269-e2f2-44ef-a872-40307085a396", "counted": false, "options": [], "station": "bar", "quantity": 1, "modifiers": [], "taxRateBp": 1000, "menuItemId": "ipa", "unitPriceMinor": 700}	2026-12-03 14:44:15.238588+00	\N	\N	\N
41	01a23c5c-f740-7ef9-b612-25b82ec50098	order-3cb9bf3a-990d-4b09-88a2-2b6e7c8552ee	4	LineAdded	2026-12-03 14:44:15.296227+00	admin	2026-12-03	{"held": false, "name": "Fries", "note": null, "lineId": "f7daf336-7d40-4809-b48a-c0852bffe1a4", "counted": false, "options": [], "station": "kitchen", "quantity": 6, "modifiers": [], "taxRateBp": 825, "menuItemId": "fries", "unitPriceMinor": 450}	2026-12-03 14:44:15.296791+00	\N	\N	\N
42	01a23c5c-f761-781b-a242-3064bbac333e	order-3cb9bf3a-990d-4b09-88a2-2b6e7c8552ee	5	OrderFired	2026-12-03 14:44:15.329293+00	admin	2026-12-03	{"course": null, "firedAt": "2026-12-03T14:44:15.3290711+00:00", "lineIds": ["269b8b06-92d3-4165-a769-24a32c34106e", "22f57269-e2f2-44ef-a872-40307085a396", "f7daf336-7d40-4809-b48a-c0852bffe1a4"]}	2026-12-03 14:44:15.32972+00	\N	\N	\N
\.


--
-- Data for Name: orleansquery; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.orleansquery (querykey, querytext) FROM stdin;
ReadFromStorageKey	select s.payloadbinary as "PayloadBinary", s.version as "Version"\n       from orleansstorage s\n      where s.serviceid = @ServiceId\n        and s.graintypestring = @GrainTypeString\n        and s.grainidn0 = @GrainIdN0\n        and s.grainidn1 = @GrainIdN1\n        and (s.grainidextensionstring = @GrainIdExtensionString\n             or (s.grainidextensionstring is null and @GrainIdExtensionString is null))
WriteToStorageKey	with bumped as (\n         update orleansstorage s\n            set payloadbinary = @PayloadBinary,\n                version = case when s.version = 2147483647 then 1 else s.version + 1 end,\n                graintypehash = @GrainTypeHash,\n                grainidhash = @GrainIdHash,\n                modifiedon = now()\n          where @GrainStateVersion is not null\n            and s.version = @GrainStateVersion\n            and s.serviceid = @ServiceId\n            and s.graintypestring = @GrainTypeString\n            and s.grainidn0 = @GrainIdN0\n            and s.grainidn1 = @GrainIdN1\n            and (s.grainidextensionstring = @GrainIdExtensionString\n                 or (s.grainidextensionstring is null and @GrainIdExtensionString is null))\n         returning s.version\n     ),\n     created as (\n         insert into orleansstorage\n                (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring,\n                 graintypehash, grainidhash, payloadbinary, version)\n         select @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,\n                @GrainTypeHash, @GrainIdHash, @PayloadBinary, 1\n          where @GrainStateVersion is null\n         on conflict on constraint orleansstorage_grain do nothing\n         returning version\n     )\n     select version as "NewGrainStateVersion" from bumped\n     union all\n     select version from created
ClearStorageKey	update orleansstorage s\n        set payloadbinary = null,\n            version = case when s.version = 2147483647 then 1 else s.version + 1 end,\n            modifiedon = now()\n      where s.version = @GrainStateVersion\n        and s.serviceid = @ServiceId\n        and s.graintypestring = @GrainTypeString\n        and s.grainidn0 = @GrainIdN0\n        and s.grainidn1 = @GrainIdN1\n        and (s.grainidextensionstring = @GrainIdExtensionString\n             or (s.grainidextensionstring is null and @GrainIdExtensionString is null))\n     returning s.version as "NewGrainStateVersion"
DeleteStorageKey	delete from orleansstorage s\n      where s.version = @GrainStateVersion\n        and s.serviceid = @ServiceId\n        and s.graintypestring = @GrainTypeString\n        and s.grainidn0 = @GrainIdN0\n        and s.grainidn1 = @GrainIdN1\n        and (s.grainidextensionstring = @GrainIdExtensionString\n             or (s.grainidextensionstring is null and @GrainIdExtensionString is null))\n     returning case when s.version = 2147483647 then 1 else s.version + 1 end as "NewGrainStateVersion"
\.


--
-- Data for Name: orleansstorage; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.orleansstorage (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring, graintypehash, grainidhash, payloadbinary, version, modifiedon) FROM stdin;
pos-appliance	menu	0	0	store	-1406416345	605033009	\\x7b22246964223a2231222c222474797065223a22506f732e477261696e732e4d656e752e4d656e7553746174652c20506f732e477261696e73222c2256657273696f6e223a312c2243757272656e6379223a22555344222c224974656d73223a7b222474797065223a2253797374656d2e436f6c6c656374696f6e732e47656e657269632e4c69737460315b5b506f732e436f6e7472616374732e4d656e752e4d656e754974656d2c20506f732e436f6e7472616374735d5d2c2053797374656d2e507269766174652e436f72654c6962222c222476616c756573223a5b7b22246964223a2232222c222474797065223a22506f732e436f6e7472616374732e4d656e752e4d656e754974656d2c20506f732e436f6e747261637473222c224964223a22627572676572222c224e616d65223a22427572676572222c2250726963654d696e6f72223a313235302c22546178526174654270223a3832352c2253746174696f6e223a226b69746368656e222c2243617465676f72794964223a226d61696e73222c224d6f64696669657247726f757073223a7b222474797065223a22506f732e436f6e7472616374732e4d656e752e4d6f64696669657247726f75705b5d2c20506f732e436f6e747261637473222c222476616c756573223a5b5d7d7d2c7b22246964223a2233222c222474797065223a22506f732e436f6e7472616374732e4d656e752e4d656e754974656d2c20506f732e436f6e747261637473222c224964223a226672696573222c224e616d65223a224672696573222c2250726963654d696e6f72223a3435302c22546178526174654270223a3832352c2253746174696f6e223a226b69746368656e222c2243617465676f72794964223a226d61696e73222c224d6f64696669657247726f757073223a7b222474797065223a22506f732e436f6e7472616374732e4d656e752e4d6f64696669657247726f75705b5d2c20506f732e436f6e747261637473222c222476616c756573223a5b5d7d7d2c7b22246964223a2234222c222474797065223a22506f732e436f6e7472616374732e4d656e752e4d656e754974656d2c20506f732e436f6e747261637473222c224964223a22697061222c224e616d65223a22495041222c2250726963654d696e6f72223a3730302c22546178526174654270223a313030302c2253746174696f6e223a22626172222c2243617465676f72794964223a226472696e6b73222c224d6f64696669657247726f757073223a7b222474797065223a22506f732e436f6e7472616374732e4d656e752e4d6f64696669657247726f75705b5d2c20506f732e436f6e747261637473222c222476616c756573223a5b5d7d7d5d7d2c22557064617465644174223a22323032362d31322d30335431343a34343a30372e363235393930362b30303a3030222c2243617465676f72696573223a7b222474797065223a2253797374656d2e436f6c6c656374696f6e732e47656e657269632e4c69737460315b5b506f732e436f6e7472616374732e4d656e752e4d656e7543617465676f72792c20506f732e436f6e7472616374735d5d2c2053797374656d2e507269766174652e436f72654c6962222c222476616c756573223a5b7b22246964223a2235222c222474797065223a22506f732e436f6e7472616374732e4d656e752e4d656e7543617465676f72792c20506f732e436f6e747261637473222c224964223a226d61696e73222c224e616d65223a224d61696e73227d2c7b22246964223a2236222c222474797065223a22506f732e436f6e7472616374732e4d656e752e4d656e7543617465676f72792c20506f732e436f6e747261637473222c224964223a226472696e6b73222c224e616d65223a224472696e6b73227d5d7d7d	1	2026-12-03 14:44:07.954743+00
\.


--
-- Data for Name: pairing_codes; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.pairing_codes (code_id, code_hash, role, name, created_by, created_at, expires_at, used_at, used_by, used_key_hash, used_fingerprint, sealed_token) FROM stdin;
\.


--
-- Data for Name: schema_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.schema_migrations (name, applied_at) FROM stdin;
0001_journal	2026-12-03 14:43:59.913735+00
0002_orleans_grain_storage	2026-12-03 14:44:00.011919+00
0003_print_jobs	2026-12-03 14:44:00.022946+00
0004_sync	2026-12-03 14:44:00.025978+00
0005_device_commands	2026-12-03 14:44:00.028874+00
0006_keys_per_device	2026-12-03 14:44:00.029987+00
0007_answers_without_http	2026-12-03 14:44:00.033239+00
0008_pairing	2026-12-03 14:44:00.036917+00
0009_pairing_resend	2026-12-03 14:44:00.047322+00
0010_bartender_devices	2026-12-03 14:44:00.048188+00
0010_staff	2026-12-03 14:44:00.049503+00
\.


--
-- Data for Name: staff_sessions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.staff_sessions (session_id, token_hash, employee_id, device_id, started_at, expires_at, ended_at) FROM stdin;
\.


--
-- Data for Name: sync_checkpoint; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.sync_checkpoint (id, acked_seq, last_success_at, last_error, last_error_at, menu_version, menu_pulled_at) FROM stdin;
1	42	2026-12-03 14:44:15.415258+00	\N	\N	0	2026-12-03 14:44:05.049683+00
\.


--
-- Name: aggregatedcounter_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.aggregatedcounter_id_seq', 1, false);


--
-- Name: counter_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.counter_id_seq', 1, false);


--
-- Name: hash_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.hash_id_seq', 7, true);


--
-- Name: job_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.job_id_seq', 1, true);


--
-- Name: jobparameter_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.jobparameter_id_seq', 1, true);


--
-- Name: jobqueue_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.jobqueue_id_seq', 1, true);


--
-- Name: list_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.list_id_seq', 1, false);


--
-- Name: set_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.set_id_seq', 1, true);


--
-- Name: state_id_seq; Type: SEQUENCE SET; Schema: hangfire; Owner: -
--

SELECT pg_catalog.setval('hangfire.state_id_seq', 2, true);


--
-- Name: aggregatedcounter aggregatedcounter_key_key; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.aggregatedcounter
    ADD CONSTRAINT aggregatedcounter_key_key UNIQUE (key);


--
-- Name: aggregatedcounter aggregatedcounter_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.aggregatedcounter
    ADD CONSTRAINT aggregatedcounter_pkey PRIMARY KEY (id);


--
-- Name: counter counter_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.counter
    ADD CONSTRAINT counter_pkey PRIMARY KEY (id);


--
-- Name: hash hash_key_field_key; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.hash
    ADD CONSTRAINT hash_key_field_key UNIQUE (key, field);


--
-- Name: hash hash_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.hash
    ADD CONSTRAINT hash_pkey PRIMARY KEY (id);


--
-- Name: job job_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.job
    ADD CONSTRAINT job_pkey PRIMARY KEY (id);


--
-- Name: jobparameter jobparameter_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.jobparameter
    ADD CONSTRAINT jobparameter_pkey PRIMARY KEY (id);


--
-- Name: jobqueue jobqueue_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.jobqueue
    ADD CONSTRAINT jobqueue_pkey PRIMARY KEY (id);


--
-- Name: list list_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.list
    ADD CONSTRAINT list_pkey PRIMARY KEY (id);


--
-- Name: lock lock_resource_key; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.lock
    ADD CONSTRAINT lock_resource_key UNIQUE (resource);

ALTER TABLE ONLY hangfire.lock REPLICA IDENTITY USING INDEX lock_resource_key;


--
-- Name: schema schema_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.schema
    ADD CONSTRAINT schema_pkey PRIMARY KEY (version);


--
-- Name: server server_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.server
    ADD CONSTRAINT server_pkey PRIMARY KEY (id);


--
-- Name: set set_key_value_key; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.set
    ADD CONSTRAINT set_key_value_key UNIQUE (key, value);


--
-- Name: set set_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.set
    ADD CONSTRAINT set_pkey PRIMARY KEY (id);


--
-- Name: state state_pkey; Type: CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.state
    ADD CONSTRAINT state_pkey PRIMARY KEY (id);


--
-- Name: devices devices_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.devices
    ADD CONSTRAINT devices_pkey PRIMARY KEY (device_id);


--
-- Name: devices devices_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.devices
    ADD CONSTRAINT devices_token_hash_key UNIQUE (token_hash);


--
-- Name: employee_pins employee_pins_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.employee_pins
    ADD CONSTRAINT employee_pins_pkey PRIMARY KEY (employee_id, version);


--
-- Name: idempotency idempotency_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idempotency
    ADD CONSTRAINT idempotency_pkey PRIMARY KEY (key);


--
-- Name: journal journal_event_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.journal
    ADD CONSTRAINT journal_event_id_key UNIQUE (event_id);


--
-- Name: journal journal_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.journal
    ADD CONSTRAINT journal_pkey PRIMARY KEY (seq);


--
-- Name: journal journal_stream_version_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.journal
    ADD CONSTRAINT journal_stream_version_unique UNIQUE (stream_id, stream_version);


--
-- Name: orleansquery orleansquery_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleansquery
    ADD CONSTRAINT orleansquery_pkey PRIMARY KEY (querykey);


--
-- Name: orleansstorage orleansstorage_grain; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleansstorage
    ADD CONSTRAINT orleansstorage_grain UNIQUE NULLS NOT DISTINCT (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring);


--
-- Name: pairing_codes pairing_codes_code_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pairing_codes
    ADD CONSTRAINT pairing_codes_code_hash_key UNIQUE (code_hash);


--
-- Name: pairing_codes pairing_codes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pairing_codes
    ADD CONSTRAINT pairing_codes_pkey PRIMARY KEY (code_id);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (name);


--
-- Name: staff_sessions staff_sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_sessions
    ADD CONSTRAINT staff_sessions_pkey PRIMARY KEY (session_id);


--
-- Name: staff_sessions staff_sessions_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.staff_sessions
    ADD CONSTRAINT staff_sessions_token_hash_key UNIQUE (token_hash);


--
-- Name: sync_checkpoint sync_checkpoint_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sync_checkpoint
    ADD CONSTRAINT sync_checkpoint_pkey PRIMARY KEY (id);


--
-- Name: ix_hangfire_counter_expireat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_counter_expireat ON hangfire.counter USING btree (expireat);


--
-- Name: ix_hangfire_counter_key; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_counter_key ON hangfire.counter USING btree (key);


--
-- Name: ix_hangfire_hash_expireat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_hash_expireat ON hangfire.hash USING btree (expireat);


--
-- Name: ix_hangfire_job_expireat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_job_expireat ON hangfire.job USING btree (expireat);


--
-- Name: ix_hangfire_job_statename; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_job_statename ON hangfire.job USING btree (statename);


--
-- Name: ix_hangfire_job_statename_is_not_null; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_job_statename_is_not_null ON hangfire.job USING btree (statename) INCLUDE (id) WHERE (statename IS NOT NULL);


--
-- Name: ix_hangfire_jobparameter_jobidandname; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_jobparameter_jobidandname ON hangfire.jobparameter USING btree (jobid, name);


--
-- Name: ix_hangfire_jobqueue_fetchedat_queue_jobid; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_jobqueue_fetchedat_queue_jobid ON hangfire.jobqueue USING btree (fetchedat NULLS FIRST, queue, jobid);


--
-- Name: ix_hangfire_jobqueue_jobidandqueue; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_jobqueue_jobidandqueue ON hangfire.jobqueue USING btree (jobid, queue);


--
-- Name: ix_hangfire_jobqueue_queueandfetchedat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_jobqueue_queueandfetchedat ON hangfire.jobqueue USING btree (queue, fetchedat);


--
-- Name: ix_hangfire_list_expireat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_list_expireat ON hangfire.list USING btree (expireat);


--
-- Name: ix_hangfire_set_expireat; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_set_expireat ON hangfire.set USING btree (expireat);


--
-- Name: ix_hangfire_set_key_score; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_set_key_score ON hangfire.set USING btree (key, score);


--
-- Name: ix_hangfire_state_jobid; Type: INDEX; Schema: hangfire; Owner: -
--

CREATE INDEX ix_hangfire_state_jobid ON hangfire.state USING btree (jobid);


--
-- Name: idempotency_created_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idempotency_created_at ON public.idempotency USING btree (created_at);


--
-- Name: journal_business_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX journal_business_date ON public.journal USING btree (business_date, seq) WHERE (business_date IS NOT NULL);


--
-- Name: journal_orders_opened; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX journal_orders_opened ON public.journal USING btree (seq) WHERE (type = 'OrderOpened'::text);


--
-- Name: journal_print_jobs_by_printer; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX journal_print_jobs_by_printer ON public.journal USING btree (((data ->> 'printerId'::text)), seq) WHERE (type = ANY (ARRAY['PrintJobQueued'::text, 'PrintJobFailedOver'::text]));


--
-- Name: journal_print_jobs_printed; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX journal_print_jobs_printed ON public.journal USING btree (stream_id) WHERE (type = 'PrintJobPrinted'::text);


--
-- Name: staff_sessions_live; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX staff_sessions_live ON public.staff_sessions USING btree (expires_at) WHERE (ended_at IS NULL);


--
-- Name: journal journal_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER journal_append_only BEFORE DELETE OR UPDATE ON public.journal FOR EACH ROW EXECUTE FUNCTION public.journal_refuse_change();


--
-- Name: jobparameter jobparameter_jobid_fkey; Type: FK CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.jobparameter
    ADD CONSTRAINT jobparameter_jobid_fkey FOREIGN KEY (jobid) REFERENCES hangfire.job(id) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: state state_jobid_fkey; Type: FK CONSTRAINT; Schema: hangfire; Owner: -
--

ALTER TABLE ONLY hangfire.state
    ADD CONSTRAINT state_jobid_fkey FOREIGN KEY (jobid) REFERENCES hangfire.job(id) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: idempotency idempotency_first_seq_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idempotency
    ADD CONSTRAINT idempotency_first_seq_fkey FOREIGN KEY (first_seq) REFERENCES public.journal(seq);


--
-- Name: pairing_codes pairing_codes_used_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pairing_codes
    ADD CONSTRAINT pairing_codes_used_by_fkey FOREIGN KEY (used_by) REFERENCES public.devices(device_id) DEFERRABLE INITIALLY DEFERRED;


--
-- PostgreSQL database dump complete
--

\unrestrict Jc5I6GQqwHVXu4I3cdPMF6ePfNs0E7lAHoyQIqbNUw0QogpkS1LgceIWbqnbeoe

