--
-- PostgreSQL database dump
--

\restrict jgXLGilQC52vk78YFWN0qUxEshbrXJxyFyjxJxSPC29oQ1zoCNqTQY7YcaaPq68

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

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: chain_menu_head; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.chain_menu_head (
    only_row boolean DEFAULT true NOT NULL,
    version integer NOT NULL,
    CONSTRAINT chain_menu_head_only_row_check CHECK (only_row)
);


--
-- Name: chain_menu_pieces; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.chain_menu_pieces (
    scope text NOT NULL,
    scope_id text NOT NULL,
    version integer NOT NULL,
    piece jsonb,
    CONSTRAINT chain_menu_pieces_scope_check CHECK ((scope = ANY (ARRAY['base'::text, 'group'::text, 'store'::text])))
);


--
-- Name: chain_menu_versions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.chain_menu_versions (
    version integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    change text NOT NULL,
    CONSTRAINT chain_menu_versions_version_check CHECK ((version >= 1))
);


--
-- Name: orleansmembershiptable; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleansmembershiptable (
    deploymentid character varying(150) NOT NULL,
    address character varying(45) NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    siloname character varying(150) NOT NULL,
    hostname character varying(150) NOT NULL,
    status integer NOT NULL,
    proxyport integer NOT NULL,
    suspecttimes text,
    starttime timestamp with time zone NOT NULL,
    iamalivetime timestamp with time zone NOT NULL
);


--
-- Name: orleansmembershipversiontable; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleansmembershipversiontable (
    deploymentid character varying(150) NOT NULL,
    version integer DEFAULT 0 NOT NULL,
    modifiedon timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: orleansquery; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleansquery (
    querykey character varying(64) NOT NULL,
    querytext text NOT NULL
);


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    name text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: store_day_figures; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.store_day_figures (
    store_id text NOT NULL,
    business_date date NOT NULL,
    report jsonb,
    z jsonb,
    events integer NOT NULL,
    through_seq bigint NOT NULL,
    fold_error text,
    raw_deleted_at timestamp with time zone,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: store_group_members; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.store_group_members (
    group_id text NOT NULL,
    store_id text NOT NULL
);


--
-- Name: store_groups; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.store_groups (
    group_id text NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    precedence integer DEFAULT 0 NOT NULL,
    version integer NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT store_groups_version_check CHECK ((version >= 1))
);


--
-- Name: store_journal; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.store_journal (
    store_id text NOT NULL,
    seq bigint NOT NULL,
    event_id uuid NOT NULL,
    stream_id text NOT NULL,
    stream_version integer NOT NULL,
    type text NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    device_id text NOT NULL,
    business_date date,
    data jsonb NOT NULL,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    employee_id text,
    approved_by text
)
WITH (autovacuum_vacuum_insert_scale_factor='0.002', autovacuum_analyze_scale_factor='0.002');


--
-- Name: store_menus; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.store_menus (
    store_id text NOT NULL,
    version integer NOT NULL,
    menu jsonb NOT NULL,
    published_at timestamp with time zone NOT NULL,
    chain_version integer,
    CONSTRAINT store_menus_version_check CHECK ((version >= 1))
);


--
-- Name: stores; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stores (
    store_id text NOT NULL,
    name text NOT NULL,
    time_zone text NOT NULL,
    secret bytea NOT NULL,
    acked_seq bigint DEFAULT 0 NOT NULL,
    last_sync_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    head_seq bigint DEFAULT 0 NOT NULL,
    menu_version integer DEFAULT 0 NOT NULL,
    previous_secret bytea,
    previous_valid_until timestamp with time zone,
    secret_rotated_at timestamp with time zone,
    CONSTRAINT stores_head_not_below_acked CHECK ((head_seq >= acked_seq))
);


--
-- Data for Name: chain_menu_head; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.chain_menu_head (only_row, version) FROM stdin;
t	0
\.


--
-- Data for Name: chain_menu_pieces; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.chain_menu_pieces (scope, scope_id, version, piece) FROM stdin;
\.


--
-- Data for Name: chain_menu_versions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.chain_menu_versions (version, created_at, change) FROM stdin;
\.


--
-- Data for Name: orleansmembershiptable; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.orleansmembershiptable (deploymentid, address, port, generation, siloname, hostname, status, proxyport, suspecttimes, starttime, iamalivetime) FROM stdin;
hq	127.0.0.1	5391	155313829	Silo_888d7	vm	6	5392	127.0.0.1:5391@155313829,2026-12-03 14:44:17.418 GMT	2026-12-03 14:43:49.106658+00	2026-12-03 14:44:17.41817+00
\.


--
-- Data for Name: orleansmembershipversiontable; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.orleansmembershipversiontable (deploymentid, version, modifiedon) FROM stdin;
hq	4	2026-12-03 14:44:17.431391+00
\.


--
-- Data for Name: orleansquery; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.orleansquery (querykey, querytext) FROM stdin;
InsertMembershipVersionKey	with created as (\n         insert into orleansmembershipversiontable (deploymentid) values (@DeploymentId)\n         on conflict (deploymentid) do nothing\n         returning 1\n     )\n     select count(*) > 0 from created
MembershipReadAllKey	select v.version as "Version",\n            m.address as "Address", m.port as "Port", m.generation as "Generation",\n            m.siloname as "SiloName", m.hostname as "HostName", m.status as "Status",\n            m.proxyport as "ProxyPort", m.suspecttimes as "SuspectTimes",\n            m.starttime as "StartTime", m.iamalivetime as "IAmAliveTime"\n       from orleansmembershipversiontable v\n       left join orleansmembershiptable m on m.deploymentid = v.deploymentid\n      where v.deploymentid = @DeploymentId
MembershipReadRowKey	select v.version as "Version",\n            m.address as "Address", m.port as "Port", m.generation as "Generation",\n            m.siloname as "SiloName", m.hostname as "HostName", m.status as "Status",\n            m.proxyport as "ProxyPort", m.suspecttimes as "SuspectTimes",\n            m.starttime as "StartTime", m.iamalivetime as "IAmAliveTime"\n       from orleansmembershipversiontable v\n       left join orleansmembershiptable m\n              on m.deploymentid = v.deploymentid\n             and m.address = @Address and m.port = @Port and m.generation = @Generation\n      where v.deploymentid = @DeploymentId
InsertMembershipKey	with bumped as (\n         update orleansmembershipversiontable\n            set version = version + 1, modifiedon = now()\n          where deploymentid = @DeploymentId\n            and version = @Version\n            and not exists (select 1 from orleansmembershiptable\n                             where deploymentid = @DeploymentId\n                               and address = @Address and port = @Port and generation = @Generation)\n         returning deploymentid\n     ),\n     inserted as (\n         insert into orleansmembershiptable\n                (deploymentid, address, port, generation, siloname, hostname, status, proxyport,\n                 starttime, iamalivetime)\n         select b.deploymentid, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,\n                @StartTime, @IAmAliveTime\n           from bumped b\n         on conflict do nothing\n         returning 1\n     )\n     select count(*) > 0 from inserted
UpdateMembershipKey	with bumped as (\n         update orleansmembershipversiontable\n            set version = version + 1, modifiedon = now()\n          where deploymentid = @DeploymentId\n            and version = @Version\n            and exists (select 1 from orleansmembershiptable\n                         where deploymentid = @DeploymentId\n                           and address = @Address and port = @Port and generation = @Generation)\n         returning deploymentid\n     ),\n     changed as (\n         update orleansmembershiptable m\n            set status = @Status, suspecttimes = @SuspectTimes, iamalivetime = @IAmAliveTime\n           from bumped b\n          where m.deploymentid = b.deploymentid\n            and m.address = @Address and m.port = @Port and m.generation = @Generation\n         returning 1\n     )\n     select count(*) > 0 from changed
UpdateIAmAlivetimeKey	update orleansmembershiptable\n        set iamalivetime = @IAmAliveTime\n      where deploymentid = @DeploymentId\n        and address = @Address and port = @Port and generation = @Generation
GatewaysQueryKey	select address as "Address", proxyport as "ProxyPort", generation as "Generation"\n       from orleansmembershiptable\n      where deploymentid = @DeploymentId and status = @Status and proxyport > 0
DeleteMembershipTableEntriesKey	delete from orleansmembershipversiontable where deploymentid = @DeploymentId
CleanupDefunctSiloEntriesKey	delete from orleansmembershiptable\n      where deploymentid = @DeploymentId and status = 6 and iamalivetime < @IAmAliveTime
CleanupDefunctSiloEntryKey	delete from orleansmembershiptable\n      where deploymentid = @DeploymentId\n        and address = @Address and port = @Port and generation = @Generation\n        and status = 6\n        and starttime = @StartTime\n        and iamalivetime = @IAmAliveTime\n        and coalesce(suspecttimes, '') = coalesce(@SuspectTimes, '')
\.


--
-- Data for Name: schema_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.schema_migrations (name, applied_at) FROM stdin;
0001_orleans_clustering	2026-12-03 14:43:51.313523+00
0002_stores	2026-12-03 14:43:51.500494+00
0003_store_head_seq	2026-12-03 14:43:51.513453+00
0004_business_day_seals	2026-12-03 14:43:51.516219+00
0005_store_menus	2026-12-03 14:43:51.519614+00
0006_journal_people	2026-12-03 14:43:51.523043+00
0007_store_secret_rotation	2026-12-03 14:43:51.524667+00
0008_store_day_figures	2026-12-03 14:43:51.526467+00
0009_groups_chain_menus	2026-12-03 14:43:51.531601+00
0010_store_journal_growth	2026-12-03 14:43:51.539903+00
\.


--
-- Data for Name: store_day_figures; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.store_day_figures (store_id, business_date, report, z, events, through_seq, fold_error, raw_deleted_at, updated_at) FROM stdin;
prev-store	2026-12-03	{"items": [{"name": "Burger", "quantity": 11, "menuItemId": "burger", "netSalesMinor": 13750}, {"name": "Fries", "quantity": 15, "menuItemId": "fries", "netSalesMinor": 6750}, {"name": "IPA", "quantity": 5, "menuItemId": "ipa", "netSalesMinor": 3500}], "byHour": [{"hour": "14:00", "ordersClosed": 5, "netSalesMinor": 24000}], "labour": [], "tenders": {"card": 14812, "cash": 11228, "other": 0}, "currency": "USD", "taxMinor": 2040, "tipsMinor": 1500, "compsMinor": 0, "ordersOpen": 1, "throughSeq": 42, "voidsMinor": 0, "refundCount": 1, "businessDate": "2026-12-03", "ordersClosed": 5, "ordersMerged": 0, "refundsMinor": 450, "netSalesMinor": 24000, "refundTenders": {"card": 450, "cash": 0, "other": 0}, "discountsMinor": 0, "grossSalesMinor": 26040, "writtenOffMinor": 0, "ordersWrittenOff": 0, "ordersCarriedOver": 0, "tipAdjustmentCount": 0, "tipAdjustmentsMinor": 0}	{"byHour": [{"hour": "14:00", "ordersClosed": 5, "netSalesMinor": 24000}], "drawers": [], "tenders": {"card": 14812, "cash": 11228, "other": 0}, "currency": "USD", "taxMinor": 2040, "tipsMinor": 1500, "voidCount": 0, "byEmployee": [], "compsMinor": 0, "ordersOpen": 1, "throughSeq": 42, "voidsMinor": 0, "noSaleCount": 0, "refundCount": 1, "businessDate": "2026-12-03", "ordersClosed": 5, "refundsMinor": 450, "netSalesMinor": 24000, "refundTenders": {"card": 450, "cash": 0, "other": 0}, "discountsMinor": 0, "overShortMinor": 0, "grossSalesMinor": 26040, "writtenOffMinor": 0, "ordersCarriedOver": 0, "tipAdjustmentCount": 0, "tipAdjustmentsMinor": 0, "unassignedCashMinor": 11228}	41	42	\N	\N	2026-12-03 14:44:15.401825+00
\.


--
-- Data for Name: store_group_members; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.store_group_members (group_id, store_id) FROM stdin;
\.


--
-- Data for Name: store_groups; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.store_groups (group_id, name, kind, precedence, version, updated_at) FROM stdin;
\.


--
-- Data for Name: store_journal; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.store_journal (store_id, seq, event_id, stream_id, stream_version, type, occurred_at, device_id, business_date, data, received_at, employee_id, approved_by) FROM stdin;
prev-store	1	01a23c5c-d94b-7651-bc3c-9147b8cd6b0e	menu	1	MenuReplaced	2026-12-03 14:44:07.62599+00	admin	\N	{"items": [{"id": "burger", "name": "Burger", "station": "kitchen", "taxRateBp": 825, "categoryId": "mains", "priceMinor": 1250, "modifierGroups": []}, {"id": "fries", "name": "Fries", "station": "kitchen", "taxRateBp": 825, "categoryId": "mains", "priceMinor": 450, "modifierGroups": []}, {"id": "ipa", "name": "IPA", "station": "bar", "taxRateBp": 1000, "categoryId": "drinks", "priceMinor": 700, "modifierGroups": []}], "version": 1, "currency": "USD", "categories": [{"id": "mains", "name": "Mains"}, {"id": "drinks", "name": "Drinks"}]}	2026-12-03 14:44:08.097623+00	\N	\N
prev-store	2	01a23c5c-dcef-72e8-a5d7-1d78c5397daa	order-96a872fc-a012-418b-b90e-c55f1c20555a	1	OrderOpened	2026-12-03 14:44:08.592608+00	admin	2026-12-03	{"table": "1", "guests": 2, "number": 1, "channel": "dine-in", "orderId": "96a872fc-a012-418b-b90e-c55f1c20555a", "currency": "USD", "openedAt": "2026-12-03T14:44:08.5013826+00:00", "splitFrom": null, "carriedFrom": null, "businessDate": "2026-12-03"}	2026-12-03 14:44:08.656231+00	\N	\N
prev-store	3	01a23c5c-de29-7cfc-94e4-6c53a68e3365	order-96a872fc-a012-418b-b90e-c55f1c20555a	2	LineAdded	2026-12-03 14:44:08.877538+00	admin	2026-12-03	{"held": false, "name": "Burger", "note": null, "lineId": "9e030c96-d41d-47b3-9181-d96df8a87e41", "counted": false, "options": [], "station": "kitchen", "quantity": 2, "modifiers": [], "taxRateBp": 825, "menuItemId": "burger", "unitPriceMinor": 1250}	2026-12-03 14:44:09.311592+00	\N	\N
prev-store	4	01a23c5c-deed-7b19-8b7a-5925a0a3db6b	order-96a872fc-a012-418b-b90e-c55f1c20555a	3	LineAdded	2026-12-03 14:44:09.069935+00	admin	2026-12-03	{"held": false, "name": "IPA", "note": "no glass", "lineId": "8f3a745b-6988-41d5-836b-f4fc3b4ec421", "counted": false, "options": [], "station": "bar", "quantity": 1, "modifiers": [], "taxRateBp": 1000, "menuItemId": "ipa", "unitPriceMinor": 700}	2026-12-03 14:44:09.311592+00	\N	\N
prev-store	5	01a23c5c-df64-7255-8963-0365127cbfbb	order-96a872fc-a012-418b-b90e-c55f1c20555a	4	LineAdded	2026-12-03 14:44:09.18913+00	admin	2026-12-03	{"held": false, "name": "Fries", "note": null, "lineId": "22ba58cd-558f-4292-bb19-d9cb46d2eddb", "counted": false, "options": [], "station": "kitchen", "quantity": 1, "modifiers": [], "taxRateBp": 825, "menuItemId": "fries", "unitPriceMinor": 450}	2026-12-03 14:44:09.311592+00	\N	\N
prev-store	6	01a23c5c-dfdd-7c15-90fe-a248cae6c879	order-96a872fc-a012-418b-b90e-c55f1c20555a	5	OrderFired	2026-12-03 14:44:09.314143+00	admin	2026-12-03	{"course": null, "firedAt": "2026-12-03T14:44:09.2792535+00:00", "lineIds": ["9e030c96-d41d-47b3-9181-d96df8a87e41", "8f3a745b-6988-41d5-836b-f4fc3b4ec421", "22ba58cd-558f-4292-bb19-d9cb46d2eddb"]}	2026-12-03 14:44:09.440726+00	\N	\N
prev-store	7	01a23c5c-e0e4-794b-aeb2-f5244c076378	order-96a872fc-a012-418b-b90e-c55f1c20555a	6	PaymentAdded	2026-12-03 14:44:09.577326+00	admin	2026-12-03	{"tender": "card", "tipMinor": 100, "paymentId": "ddcd0d06-78f9-47af-91d3-829cbdd29489", "reference": null, "employeeId": null, "amountMinor": 3963, "changeMinor": 0, "drawerSessionId": null}	2026-12-03 14:44:09.611876+00	\N	\N
prev-store	8	01a23c5c-e12b-714a-9433-2fe9774da40f	order-96a872fc-a012-418b-b90e-c55f1c20555a	7	OrderClosed	2026-12-03 14:44:09.645197+00	admin	2026-12-03	{"closedAt": "2026-12-03T14:44:09.6381071+00:00", "mergedInto": null, "carriedOverTo": null, "writeOffReason": null, "writtenOffMinor": 0}	2026-12-03 14:44:09.72267+00	\N	\N
prev-store	9	01a23c5c-e1fb-788e-840f-87864a4ac31e	order-b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623	1	OrderOpened	2026-12-03 14:44:09.85152+00	admin	2026-12-03	{"table": "2", "guests": 2, "number": 2, "channel": "dine-in", "orderId": "b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623", "currency": "USD", "openedAt": "2026-12-03T14:44:09.8510606+00:00", "splitFrom": null, "carriedFrom": null, "businessDate": "2026-12-03"}	2026-12-03 14:44:09.888903+00	\N	\N
prev-store	10	01a23c5c-e28f-7881-bea8-39748d7e1ee5	order-b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623	2	LineAdded	2026-12-03 14:44:09.999344+00	admin	2026-12-03	{"held": false, "name": "Burger", "note": null, "lineId": "fffed50b-2d74-4688-8526-e75bc0d5d02e", "counted": false, "options": [], "station": "kitchen", "quantity": 3, "modifiers": [], "taxRateBp": 825, "menuItemId": "burger", "unitPriceMinor": 1250}	2026-12-03 14:44:10.051257+00	\N	\N
prev-store	11	01a23c5c-e2f6-7f8d-b283-10c6c6a6f924	order-b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623	3	LineAdded	2026-12-03 14:44:10.10263+00	admin	2026-12-03	{"held": false, "name": "IPA", "note": "no glass", "lineId": "432969f8-35c6-4d60-9fe1-be76e85b8aca", "counted": false, "options": [], "station": "bar", "quantity": 1, "modifiers": [], "taxRateBp": 1000, "menuItemId": "ipa", "unitPriceMinor": 700}	2026-12-03 14:44:10.12257+00	\N	\N
prev-store	12	01a23c5c-e371-7cd0-bbc2-87503506a6b2	order-b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623	4	LineAdded	2026-12-03 14:44:10.225397+00	admin	2026-12-03	{"held": false, "name": "Fries", "note": null, "lineId": "6ed210c0-e334-43a8-ae4a-19d1a2ed9c9d", "counted": false, "options": [], "station": "kitchen", "quantity": 2, "modifiers": [], "taxRateBp": 825, "menuItemId": "fries", "unitPriceMinor": 450}	2026-12-03 14:44:10.432046+00	\N	\N
prev-store	13	01a23c5c-e3e3-76f3-90ee-b4ab799dd185	order-b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623	5	OrderFired	2026-12-03 14:44:10.339222+00	admin	2026-12-03	{"course": null, "firedAt": "2026-12-03T14:44:10.3389891+00:00", "lineIds": ["fffed50b-2d74-4688-8526-e75bc0d5d02e", "432969f8-35c6-4d60-9fe1-be76e85b8aca", "6ed210c0-e334-43a8-ae4a-19d1a2ed9c9d"]}	2026-12-03 14:44:10.432046+00	\N	\N
prev-store	14	01a23c5c-e4c4-754e-ba2f-dec0bf9fcfa6	order-b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623	6	PaymentAdded	2026-12-03 14:44:10.564136+00	admin	2026-12-03	{"tender": "cash", "tipMinor": 200, "paymentId": "6ceff6b3-48c0-4bad-9577-8295c4fe1673", "reference": null, "employeeId": null, "amountMinor": 5803, "changeMinor": 0, "drawerSessionId": null}	2026-12-03 14:44:10.585546+00	\N	\N
prev-store	15	01a23c5c-e544-7557-b74b-a8743925479c	order-b37ebdc5-c8b5-49d6-a7db-aea8ac3ba623	7	OrderClosed	2026-12-03 14:44:10.692538+00	admin	2026-12-03	{"closedAt": "2026-12-03T14:44:10.6923106+00:00", "mergedInto": null, "carriedOverTo": null, "writeOffReason": null, "writtenOffMinor": 0}	2026-12-03 14:44:10.710278+00	\N	\N
prev-store	16	01a23c5c-e5bf-7450-8ad7-e024f4a79a1d	order-ffccfd91-6326-4f28-81c3-29dccdcf6353	1	OrderOpened	2026-12-03 14:44:10.815449+00	admin	2026-12-03	{"table": "3", "guests": 2, "number": 3, "channel": "dine-in", "orderId": "ffccfd91-6326-4f28-81c3-29dccdcf6353", "currency": "USD", "openedAt": "2026-12-03T14:44:10.8150047+00:00", "splitFrom": null, "carriedFrom": null, "businessDate": "2026-12-03"}	2026-12-03 14:44:10.839507+00	\N	\N
prev-store	17	01a23c5c-e5e9-77c2-989f-c3cef9cc4314	order-ffccfd91-6326-4f28-81c3-29dccdcf6353	2	LineAdded	2026-12-03 14:44:10.857346+00	admin	2026-12-03	{"held": false, "name": "Burger", "note": null, "lineId": "bdb3c5ff-de53-480d-9804-f329b69b9fc7", "counted": false, "options": [], "station": "kitchen", "quantity": 1, "modifiers": [], "taxRateBp": 825, "menuItemId": "burger", "unitPriceMinor": 1250}	2026-12-03 14:44:10.869852+00	\N	\N
prev-store	18	01a23c5c-e61e-7695-aff8-2ba57b678ab9	order-ffccfd91-6326-4f28-81c3-29dccdcf6353	3	LineAdded	2026-12-03 14:44:10.910968+00	admin	2026-12-03	{"held": false, "name": "IPA", "note": "no glass", "lineId": "79472548-f964-4079-ba2f-b4cc80ca94ed", "counted": false, "options": [], "station": "bar", "quantity": 1, "modifiers": [], "taxRateBp": 1000, "menuItemId": "ipa", "unitPriceMinor": 700}	2026-12-03 14:44:10.929481+00	\N	\N
prev-store	19	01a23c5c-e6fd-707f-91a2-6b1ce93e75da	order-ffccfd91-6326-4f28-81c3-29dccdcf6353	4	LineAdded	2026-12-03 14:44:11.133493+00	admin	2026-12-03	{"held": false, "name": "Fries", "note": null, "lineId": "cc004760-2c2e-494d-8150-91464caaf88c", "counted": false, "options": [], "station": "kitchen", "quantity": 3, "modifiers": [], "taxRateBp": 825, "menuItemId": "fries", "unitPriceMinor": 450}	2026-12-03 14:44:11.142966+00	\N	\N
prev-store	20	01a23c5c-e75c-7db5-acf1-5cbcee0dd219	order-ffccfd91-6326-4f28-81c3-29dccdcf6353	5	OrderFired	2026-12-03 14:44:11.229078+00	admin	2026-12-03	{"course": null, "firedAt": "2026-12-03T14:44:11.2288177+00:00", "lineIds": ["bdb3c5ff-de53-480d-9804-f329b69b9fc7", "79472548-f964-4079-ba2f-b4cc80ca94ed", "cc004760-2c2e-494d-8150-91464caaf88c"]}	2026-12-03 14:44:11.257425+00	\N	\N
prev-store	21	01a23c5c-e982-7a2d-896c-e37901786d2b	order-ffccfd91-6326-4f28-81c3-29dccdcf6353	6	PaymentAdded	2026-12-03 14:44:11.778899+00	admin	2026-12-03	{"tender": "card", "tipMinor": 300, "paymentId": "5327daef-2396-45be-98a5-0afa1154e95e", "reference": null, "employeeId": null, "amountMinor": 3584, "changeMinor": 0, "drawerSessionId": null}	2026-12-03 14:44:11.810288+00	\N	\N
prev-store	22	01a23c5c-ea21-7538-b79d-a61c447feafd	order-ffccfd91-6326-4f28-81c3-29dccdcf6353	7	OrderClosed	2026-12-03 14:44:11.938023+00	admin	2026-12-03	{"closedAt": "2026-12-03T14:44:11.9378174+00:00", "mergedInto": null, "carriedOverTo": null, "writeOffReason": null, "writtenOffMinor": 0}	2026-12-03 14:44:11.948305+00	\N	\N
prev-store	23	01a23c5c-eb29-7110-a5c5-680e14b186f3	order-ffccfd91-6326-4f28-81c3-29dccdcf6353	8	RefundRecorded	2026-12-03 14:44:12.206838+00	admin	2026-12-03	{"reason": "cold fries", "tender": "card", "lineIds": [], "refundId": "b24a7009-3c61-4fe3-840d-404145b32ac5", "employeeId": null, "amountMinor": 450, "businessDate": "2026-12-03", "drawerSessionId": null}	2026-12-03 14:44:12.225369+00	\N	\N
prev-store	24	01a23c5c-ebd7-7b53-8a76-f7e60909b44a	order-2db39619-5bc4-43e5-8253-1b454a563bfc	1	OrderOpened	2026-12-03 14:44:12.375121+00	admin	2026-12-03	{"table": "4", "guests": 2, "number": 4, "channel": "dine-in", "orderId": "2db39619-5bc4-43e5-8253-1b454a563bfc", "currency": "USD", "openedAt": "2026-12-03T14:44:12.3746851+00:00", "splitFrom": null, "carriedFrom": null, "businessDate": "2026-12-03"}	2026-12-03 14:44:12.413172+00	\N	\N
prev-store	25	01a23c5c-ec17-7048-a29e-91b883df8f85	order-2db39619-5bc4-43e5-8253-1b454a563bfc	2	LineAdded	2026-12-03 14:44:12.439534+00	admin	2026-12-03	{"held": false, "name": "Burger", "note": null, "lineId": "70e8c161-f85b-4612-b070-4b21a0c2ac61", "counted": false, "options": [], "station": "kitchen", "quantity": 2, "modifiers": [], "taxRateBp": 825, "menuItemId": "burger", "unitPriceMinor": 1250}	2026-12-03 14:44:12.471884+00	\N	\N
prev-store	26	01a23c5c-ec69-7f0e-9df3-3614eec930ed	order-2db39619-5bc4-43e5-8253-1b454a563bfc	3	LineAdded	2026-12-03 14:44:12.521246+00	admin	2026-12-03	{"held": false, "name": "IPA", "note": "no glass", "lineId": "a8941e4a-63ab-43b2-accb-5a1fcc7cf920", "counted": false, "options": [], "station": "bar", "quantity": 1, "modifiers": [], "taxRateBp": 1000, "menuItemId": "ipa", "unitPriceMinor": 700}	2026-12-03 14:44:12.542269+00	\N	\N
prev-store	27	01a23c5c-ece8-7147-9cc1-b828bd51d820	order-2db39619-5bc4-43e5-8253-1b454a563bfc	4	LineAdded	2026-12-03 14:44:12.648121+00	admin	2026-12-03	{"held": false, "name": "Fries", "note": null, "lineId": "01d71caf-6cff-4c8a-a2f8-093d773ab1d4", "counted": false, "options": [], "station": "kitchen", "quantity": 4, "modifiers": [], "taxRateBp": 825, "menuItemId": "fries", "unitPriceMinor": 450}	2026-12-03 14:44:12.67986+00	\N	\N
prev-store	28	01a23c5c-edb0-7266-b28d-6fdabe2e2f27	order-2db39619-5bc4-43e5-8253-1b454a563bfc	5	OrderFired	2026-12-03 14:44:12.849013+00	admin	2026-12-03	{"course": null, "firedAt": "2026-12-03T14:44:12.8487914+00:00", "lineIds": ["70e8c161-f85b-4612-b070-4b21a0c2ac61", "a8941e4a-63ab-43b2-accb-5a1fcc7cf920", "01d71caf-6cff-4c8a-a2f8-093d773ab1d4"]}	2026-12-03 14:44:12.861584+00	\N	\N
prev-store	29	01a23c5c-eeb6-7617-92a4-8fb9186e9ef2	order-2db39619-5bc4-43e5-8253-1b454a563bfc	6	PaymentAdded	2026-12-03 14:44:13.110888+00	admin	2026-12-03	{"tender": "cash", "tipMinor": 400, "paymentId": "72e87de4-8528-4685-baf4-602023f9f3b7", "reference": null, "employeeId": null, "amountMinor": 5425, "changeMinor": 0, "drawerSessionId": null}	2026-12-03 14:44:13.133266+00	\N	\N
prev-store	30	01a23c5c-ef44-766b-928c-d8d1d44d5663	order-2db39619-5bc4-43e5-8253-1b454a563bfc	7	OrderClosed	2026-12-03 14:44:13.252626+00	admin	2026-12-03	{"closedAt": "2026-12-03T14:44:13.2523588+00:00", "mergedInto": null, "carriedOverTo": null, "writeOffReason": null, "writtenOffMinor": 0}	2026-12-03 14:44:13.271496+00	\N	\N
prev-store	31	01a23c5c-efdb-731a-9495-6033e080d229	order-3829b28f-41d0-4add-bf17-e55cf01bb733	1	OrderOpened	2026-12-03 14:44:13.403453+00	admin	2026-12-03	{"table": "5", "guests": 2, "number": 5, "channel": "dine-in", "orderId": "3829b28f-41d0-4add-bf17-e55cf01bb733", "currency": "USD", "openedAt": "2026-12-03T14:44:13.4030032+00:00", "splitFrom": null, "carriedFrom": null, "businessDate": "2026-12-03"}	2026-12-03 14:44:13.442026+00	\N	\N
prev-store	32	01a23c5c-f02a-742f-9736-59e9d3540ee6	order-3829b28f-41d0-4add-bf17-e55cf01bb733	2	LineAdded	2026-12-03 14:44:13.482253+00	admin	2026-12-03	{"held": false, "name": "Burger", "note": null, "lineId": "edfaad02-05d4-42f2-a0b7-6fa46d8bd5ce", "counted": false, "options": [], "station": "kitchen", "quantity": 3, "modifiers": [], "taxRateBp": 825, "menuItemId": "burger", "unitPriceMinor": 1250}	2026-12-03 14:44:13.497171+00	\N	\N
prev-store	33	01a23c5c-f078-7f95-ada2-59a7f591e275	order-3829b28f-41d0-4add-bf17-e55cf01bb733	3	LineAdded	2026-12-03 14:44:13.560636+00	admin	2026-12-03	{"held": false, "name": "IPA", "note": "no glass", "lineId": "b5ff99a8-aa2d-4b99-9c32-9ccf429031fe", "counted": false, "options": [], "station": "bar", "quantity": 1, "modifiers": [], "taxRateBp": 1000, "menuItemId": "ipa", "unitPriceMinor": 700}	2026-12-03 14:44:13.636828+00	\N	\N
prev-store	34	01a23c5c-f188-7ce1-b5b9-f5c6afcdb539	order-3829b28f-41d0-4add-bf17-e55cf01bb733	4	LineAdded	2026-12-03 14:44:13.832087+00	admin	2026-12-03	{"held": false, "name": "Fries", "note": null, "lineId": "f139acd9-7830-41f1-9c1d-d3e9c160d380", "counted": false, "options": [], "station": "kitchen", "quantity": 5, "modifiers": [], "taxRateBp": 825, "menuItemId": "fries", "unitPriceMinor": 450}	2026-12-03 14:44:13.887819+00	\N	\N
prev-store	35	01a23c5c-f225-790f-bb74-1d215ebc3afc	order-3829b28f-41d0-4add-bf17-e55cf01bb733	5	OrderFired	2026-12-03 14:44:13.98987+00	admin	2026-12-03	{"course": null, "firedAt": "2026-12-03T14:44:13.9895165+00:00", "lineIds": ["edfaad02-05d4-42f2-a0b7-6fa46d8bd5ce", "b5ff99a8-aa2d-4b99-9c32-9ccf429031fe", "f139acd9-7830-41f1-9c1d-d3e9c160d380"]}	2026-12-03 14:44:14.044131+00	\N	\N
prev-store	36	01a23c5c-f344-763d-8dcb-f61577cf8acb	order-3829b28f-41d0-4add-bf17-e55cf01bb733	6	PaymentAdded	2026-12-03 14:44:14.276318+00	admin	2026-12-03	{"tender": "card", "tipMinor": 500, "paymentId": "c3d1cf8a-de4d-408d-8df5-f177a2983b00", "reference": null, "employeeId": null, "amountMinor": 7265, "changeMinor": 0, "drawerSessionId": null}	2026-12-03 14:44:14.294571+00	\N	\N
prev-store	37	01a23c5c-f3cf-7b8a-9dcd-60d61c6d1c67	order-3829b28f-41d0-4add-bf17-e55cf01bb733	7	OrderClosed	2026-12-03 14:44:14.415728+00	admin	2026-12-03	{"closedAt": "2026-12-03T14:44:14.4155763+00:00", "mergedInto": null, "carriedOverTo": null, "writeOffReason": null, "writtenOffMinor": 0}	2026-12-03 14:44:14.435268+00	\N	\N
prev-store	38	01a23c5c-f4aa-7cde-88dc-e9188bd575ba	order-3cb9bf3a-990d-4b09-88a2-2b6e7c8552ee	1	OrderOpened	2026-12-03 14:44:14.63474+00	admin	2026-12-03	{"table": "6", "guests": 2, "number": 6, "channel": "dine-in", "orderId": "3cb9bf3a-990d-4b09-88a2-2b6e7c8552ee", "currency": "USD", "openedAt": "2026-12-03T14:44:14.6342549+00:00", "splitFrom": null, "carriedFrom": null, "businessDate": "2026-12-03"}	2026-12-03 14:44:14.702343+00	\N	\N
prev-store	39	01a23c5c-f5c2-7e24-855e-d2c66884ff01	order-3cb9bf3a-990d-4b09-88a2-2b6e7c8552ee	2	LineAdded	2026-12-03 14:44:14.91476+00	admin	2026-12-03	{"held": false, "name": "Burger", "note": null, "lineId": "269b8b06-92d3-4165-a769-24a32c34106e", "counted": false, "options": [], "station": "kitchen", "quantity": 1, "modifiers": [], "taxRateBp": 825, "menuItemId": "burger", "unitPriceMinor": 1250}	2026-12-03 14:44:14.949894+00	\N	\N
prev-store	40	01a23c5c-f705-7f44-96be-f0269b73d886	order-3cb9bf3a-990d-4b09-88a2-2b6e7c8552ee	3	LineAdded	2026-12-03 14:44:15.237642+00	admin	2026-12-03	{"held": false, "name": "IPA", "note": "no glass", "lineId": "22f57269-e2f2-44ef-a872-40307085a396", "counted": false, "options": [], "station": "bar", "quantity": 1, "modifiers": [], "taxRateBp": 1000, "menuItemId": "ipa", "unitPriceMinor": 700}	2026-12-03 14:44:15.268591+00	\N	\N
prev-store	41	01a23c5c-f740-7ef9-b612-25b82ec50098	order-3cb9bf3a-990d-4b09-88a2-2b6e7c8552ee	4	LineAdded	2026-12-03 14:44:15.296227+00	admin	2026-12-03	{"held": false, "name": "Fries", "note": null, "lineId": "f7daf336-7d40-4809-b48a-c0852bffe1a4", "counted": false, "options": [], "station": "kitchen", "quantity": 6, "modifiers": [], "taxRateBp": 825, "menuItemId": "fries", "unitPriceMinor": 450}	2026-12-03 14:44:15.330604+00	\N	\N
prev-store	42	01a23c5c-f761-781b-a242-3064bbac333e	order-3cb9bf3a-990d-4b09-88a2-2b6e7c8552ee	5	OrderFired	2026-12-03 14:44:15.329293+00	admin	2026-12-03	{"course": null, "firedAt": "2026-12-03T14:44:15.3290711+00:00", "lineIds": ["269b8b06-92d3-4165-a769-24a32c34106e", "22f57269-e2f2-44ef-a872-40307085a396", "f7daf336-7d40-4809-b48a-c0852bffe1a4"]}	2026-12-03 14:44:15.401825+00	\N	\N
\.


--
-- Data for Name: store_menus; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.store_menus (store_id, version, menu, published_at, chain_version) FROM stdin;
\.


--
-- Data for Name: stores; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.stores (store_id, name, time_zone, secret, acked_seq, last_sync_at, created_at, head_seq, menu_version, previous_secret, previous_valid_until, secret_rotated_at) FROM stdin;
prev-store	Previous release	UTC	\\xa5e439102543be26525d68ca5c56e6b27f71e2fdd302a6ac4aa5b7703ed27b79	42	2026-12-03 14:44:15.401825+00	2026-12-03 14:43:54.191127+00	42	0	\N	\N	\N
\.


--
-- Name: chain_menu_head chain_menu_head_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chain_menu_head
    ADD CONSTRAINT chain_menu_head_pkey PRIMARY KEY (only_row);


--
-- Name: chain_menu_pieces chain_menu_pieces_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chain_menu_pieces
    ADD CONSTRAINT chain_menu_pieces_pkey PRIMARY KEY (scope, scope_id, version);


--
-- Name: chain_menu_versions chain_menu_versions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chain_menu_versions
    ADD CONSTRAINT chain_menu_versions_pkey PRIMARY KEY (version);


--
-- Name: orleansmembershiptable orleansmembershiptable_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleansmembershiptable
    ADD CONSTRAINT orleansmembershiptable_pkey PRIMARY KEY (deploymentid, address, port, generation);


--
-- Name: orleansmembershipversiontable orleansmembershipversiontable_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleansmembershipversiontable
    ADD CONSTRAINT orleansmembershipversiontable_pkey PRIMARY KEY (deploymentid);


--
-- Name: orleansquery orleansquery_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleansquery
    ADD CONSTRAINT orleansquery_pkey PRIMARY KEY (querykey);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (name);


--
-- Name: store_day_figures store_day_figures_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.store_day_figures
    ADD CONSTRAINT store_day_figures_pkey PRIMARY KEY (store_id, business_date);


--
-- Name: store_group_members store_group_members_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.store_group_members
    ADD CONSTRAINT store_group_members_pkey PRIMARY KEY (group_id, store_id);


--
-- Name: store_groups store_groups_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.store_groups
    ADD CONSTRAINT store_groups_pkey PRIMARY KEY (group_id);


--
-- Name: store_journal store_journal_event_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.store_journal
    ADD CONSTRAINT store_journal_event_unique UNIQUE (store_id, event_id);


--
-- Name: store_journal store_journal_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.store_journal
    ADD CONSTRAINT store_journal_pkey PRIMARY KEY (store_id, seq);


--
-- Name: store_menus store_menus_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.store_menus
    ADD CONSTRAINT store_menus_pkey PRIMARY KEY (store_id, version);


--
-- Name: stores stores_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stores
    ADD CONSTRAINT stores_pkey PRIMARY KEY (store_id);


--
-- Name: store_day_figures_by_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX store_day_figures_by_date ON public.store_day_figures USING btree (business_date, store_id);


--
-- Name: store_day_figures_unfolded; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX store_day_figures_unfolded ON public.store_day_figures USING btree (store_id, business_date) WHERE ((report IS NULL) AND (fold_error IS NULL));


--
-- Name: store_group_members_by_store; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX store_group_members_by_store ON public.store_group_members USING btree (store_id, group_id);


--
-- Name: store_journal_business_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX store_journal_business_date ON public.store_journal USING btree (business_date, store_id, seq) WHERE (business_date IS NOT NULL);


--
-- Name: store_journal_day_seals; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX store_journal_day_seals ON public.store_journal USING btree (store_id, ((data ->> 'businessDate'::text)), seq) WHERE ((stream_id = 'business-days'::text) AND (type = 'BusinessDaySealed'::text));


--
-- Name: chain_menu_pieces chain_menu_pieces_version_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chain_menu_pieces
    ADD CONSTRAINT chain_menu_pieces_version_fkey FOREIGN KEY (version) REFERENCES public.chain_menu_versions(version);


--
-- Name: orleansmembershiptable orleansmembershiptable_deploymentid_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleansmembershiptable
    ADD CONSTRAINT orleansmembershiptable_deploymentid_fkey FOREIGN KEY (deploymentid) REFERENCES public.orleansmembershipversiontable(deploymentid) ON DELETE CASCADE;


--
-- Name: store_day_figures store_day_figures_store_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.store_day_figures
    ADD CONSTRAINT store_day_figures_store_id_fkey FOREIGN KEY (store_id) REFERENCES public.stores(store_id);


--
-- Name: store_group_members store_group_members_group_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.store_group_members
    ADD CONSTRAINT store_group_members_group_id_fkey FOREIGN KEY (group_id) REFERENCES public.store_groups(group_id) ON DELETE CASCADE;


--
-- Name: store_group_members store_group_members_store_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.store_group_members
    ADD CONSTRAINT store_group_members_store_id_fkey FOREIGN KEY (store_id) REFERENCES public.stores(store_id);


--
-- Name: store_journal store_journal_store_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.store_journal
    ADD CONSTRAINT store_journal_store_id_fkey FOREIGN KEY (store_id) REFERENCES public.stores(store_id);


--
-- Name: store_menus store_menus_store_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.store_menus
    ADD CONSTRAINT store_menus_store_id_fkey FOREIGN KEY (store_id) REFERENCES public.stores(store_id);


--
-- PostgreSQL database dump complete
--

\unrestrict jgXLGilQC52vk78YFWN0qUxEshbrXJxyFyjxJxSPC29oQ1zoCNqTQY7YcaaPq68

