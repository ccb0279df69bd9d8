import { type Kysely, sql } from 'kysely';

// What the staff console adds: answer templates, the requisites printed on answer letters, live change
// notices for Server-Sent Events, numbers for the training sandbox and the indexes its queues need at
// 100,000+ appeals. Forward-only; never import application code here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table answer_templates (
      id serial primary key,
      category_code text references categories(code),
      language text not null check (language in ('uz', 'oz', 'ru', 'en', 'kaa')),
      outcome text check (outcome in ('satisfied', 'explained', 'rejected')),
      title text not null,
      body text not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      updated_by integer references users(id)
    )`.execute(db);
  await sql`create index answer_templates_lookup on answer_templates (language, category_code) where active`.execute(
    db,
  );

  // A starting set an administrator edits: one reasoned frame per outcome and interface language.
  const starters: [string, string, string, string][] = [
    [
      'uz',
      'satisfied',
      'Qanoatlantirildi',
      'Hurmatli {{applicantName}}!\n\nSizning {{receivedOn}} dagi {{number}}-sonli murojaatingiz {{unit}} tomonidan koʻrib chiqildi.\n\n[Koʻrilgan choralar va ularning natijasi.]\n\nMurojaatingiz qanoatlantirildi. Asos: [qonun hujjati, moddasi].',
    ],
    [
      'uz',
      'explained',
      'Tushuntirish berildi',
      'Hurmatli {{applicantName}}!\n\nSizning {{receivedOn}} dagi {{number}}-sonli murojaatingiz {{unit}} tomonidan koʻrib chiqildi.\n\n[Har bir masala boʻyicha tushuntirish.]\n\nAsos: [qonun hujjati, moddasi].',
    ],
    [
      'uz',
      'rejected',
      'Rad etildi',
      'Hurmatli {{applicantName}}!\n\nSizning {{receivedOn}} dagi {{number}}-sonli murojaatingiz {{unit}} tomonidan koʻrib chiqildi.\n\n[Rad etish sabablari har bir masala boʻyicha.]\n\nAsos: [qonun hujjati, moddasi].',
    ],
    [
      'oz',
      'satisfied',
      'Қаноатлантирилди',
      'Ҳурматли {{applicantName}}!\n\nСизнинг {{receivedOn}} даги {{number}}-сонли мурожаатингиз {{unit}} томонидан кўриб чиқилди.\n\n[Кўрилган чоралар ва уларнинг натижаси.]\n\nМурожаатингиз қаноатлантирилди. Асос: [қонун ҳужжати, моддаси].',
    ],
    [
      'oz',
      'explained',
      'Тушунтириш берилди',
      'Ҳурматли {{applicantName}}!\n\nСизнинг {{receivedOn}} даги {{number}}-сонли мурожаатингиз {{unit}} томонидан кўриб чиқилди.\n\n[Ҳар бир масала бўйича тушунтириш.]\n\nАсос: [қонун ҳужжати, моддаси].',
    ],
    [
      'oz',
      'rejected',
      'Рад этилди',
      'Ҳурматли {{applicantName}}!\n\nСизнинг {{receivedOn}} даги {{number}}-сонли мурожаатингиз {{unit}} томонидан кўриб чиқилди.\n\n[Рад этиш сабаблари ҳар бир масала бўйича.]\n\nАсос: [қонун ҳужжати, моддаси].',
    ],
    [
      'ru',
      'satisfied',
      'Удовлетворено',
      'Уважаемый(ая) {{applicantName}}!\n\nВаше обращение № {{number}} от {{receivedOn}} рассмотрено: {{unit}}.\n\n[Принятые меры и их результат.]\n\nОбращение удовлетворено. Основание: [нормативный акт, статья].',
    ],
    [
      'ru',
      'explained',
      'Дано разъяснение',
      'Уважаемый(ая) {{applicantName}}!\n\nВаше обращение № {{number}} от {{receivedOn}} рассмотрено: {{unit}}.\n\n[Разъяснение по каждому вопросу.]\n\nОснование: [нормативный акт, статья].',
    ],
    [
      'ru',
      'rejected',
      'Отказано',
      'Уважаемый(ая) {{applicantName}}!\n\nВаше обращение № {{number}} от {{receivedOn}} рассмотрено: {{unit}}.\n\n[Причины отказа по каждому вопросу.]\n\nОснование: [нормативный акт, статья].',
    ],
    [
      'en',
      'satisfied',
      'Satisfied',
      'Dear {{applicantName}},\n\nYour appeal {{number}} of {{receivedOn}} has been examined by {{unit}}.\n\n[What was done and its result.]\n\nYour appeal is satisfied. Legal basis: [act, article].',
    ],
    [
      'en',
      'explained',
      'Explained',
      'Dear {{applicantName}},\n\nYour appeal {{number}} of {{receivedOn}} has been examined by {{unit}}.\n\n[An explanation of each point raised.]\n\nLegal basis: [act, article].',
    ],
    [
      'en',
      'rejected',
      'Rejected',
      'Dear {{applicantName}},\n\nYour appeal {{number}} of {{receivedOn}} has been examined by {{unit}}.\n\n[The reasons for refusal on each point.]\n\nLegal basis: [act, article].',
    ],
  ];
  for (const [language, outcome, title, body] of starters) {
    await sql`insert into answer_templates (language, outcome, title, body) values (${language}, ${outcome}, ${title}, ${body})`.execute(
      db,
    );
  }

  await sql`
    create table unit_requisites (
      unit_id integer primary key references units(id),
      address text not null default '',
      phone text not null default '',
      email text not null default '',
      website text not null default '',
      updated_at timestamptz not null default now(),
      updated_by integer references users(id)
    )`.execute(db);

  // Every committed change of an appeal is announced to every server process (LISTEN
  // murojaat_appeal_changed), which fans it out over Server-Sent Events to the staff whose scope covers
  // it. The payload carries the scope facts, never the text or the applicant.
  await sql`
    create function appeals_announce_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('murojaat_appeal_changed', json_build_object(
        'number', new.number,
        'status', new.status,
        'scope', new.scope_units,
        'oldScope', case when tg_op = 'UPDATE' then old.scope_units end,
        'subjectUnit', new.subject_unit_id,
        'subjectOfficer', new.subject_officer_id,
        'sandbox', new.sandbox
      )::text);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger appeals_announce_change after insert or update on appeals
    for each row execute function appeals_announce_change()`.execute(db);

  // The training sandbox numbers its demo appeals DEMO-YYYY-NNNNNNN from its own sequence (stored as a
  // negative seq), so the real register stays gap-free.
  await sql`create sequence sandbox_appeal_seq`.execute(db);

  // Queues at scale: "my tasks" and sorting by deadline among open appeals.
  await sql`create index appeals_executor_open on appeals (executor_id, due_on) where executor_id is not null and status not in ('answered', 'not_considered', 'forwarded', 'withdrawn', 'merged')`.execute(
    db,
  );
  await sql`create index appeals_open_due on appeals (due_on) where status not in ('answered', 'not_considered', 'forwarded', 'withdrawn', 'merged')`.execute(
    db,
  );
}
