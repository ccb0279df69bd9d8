import { type Kysely, sql } from 'kysely';

// What the language layer reads from each appeal (with the model version that read it), the links it
// finds between appeals (duplicates, repeats, campaigns), the model versions and the examples they learn
// from (starter set, clerks' corrections, imported history).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table appeal_analysis (
      appeal_id bigint primary key references appeals(id),
      analysed_at timestamptz not null,
      model_version text,
      language text not null,
      language_confidence real not null,
      segments jsonb not null default '[]',
      category_code text,
      category_confidence real,
      suggestions jsonb not null default '[]',
      explanation jsonb not null default '[]',
      urgency_score real not null default 0,
      urgency jsonb not null default '[]',
      officer jsonb not null default '{}',
      minhash bytea not null,
      bands bigint[] not null,
      decision text not null
    )`.execute(db);
  await sql`create index appeal_analysis_bands on appeal_analysis using gin (bands)`.execute(db);

  await sql`
    create table appeal_links (
      appeal_id bigint not null references appeals(id),
      other_id bigint not null references appeals(id),
      kind text not null check (kind in ('duplicate', 'repeat', 'campaign')),
      score real,
      created_at timestamptz not null,
      primary key (appeal_id, other_id, kind)
    )`.execute(db);
  await sql`create index appeal_links_other on appeal_links (other_id)`.execute(db);

  await sql`
    create table nlp_models (
      id serial primary key,
      version text not null unique,
      label_set text not null,
      created_at timestamptz not null,
      created_by text not null,
      examples integer not null,
      evaluation jsonb,
      model text not null,
      active boolean not null default false
    )`.execute(db);
  await sql`create unique index nlp_models_one_active on nlp_models (label_set) where active`.execute(db);

  await sql`
    create table nlp_examples (
      id bigserial primary key,
      label_set text not null,
      text text not null,
      label text not null,
      source text not null check (source in ('correction', 'import')),
      appeal_id bigint references appeals(id),
      created_at timestamptz not null,
      created_by text not null
    )`.execute(db);
  await sql`create index nlp_examples_set on nlp_examples (label_set, id)`.execute(db);
}
