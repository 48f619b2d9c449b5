import type { Block, StoryDocument } from '../document/document.schema.js';
import type { Random } from './random.js';
import type { HeadlineParts } from './seed.text.js';

// The Ukrainian edition's words, written for Broadsheet's demo newsroom like the English ones (seed.text.ts), in
// the same order, so a translated headline says what its English original says. Places and people are invented.

/** A place in the cases the sentences need: "Карськ", (в) "Карську", "Карська". */
interface UkPlace {
  nom: string;
  loc: string;
  gen: string;
}

/** The English PLACES, one for one. */
const PLACES: readonly UkPlace[] = [
  { nom: 'Вельмора', loc: 'Вельморі', gen: 'Вельмори' },
  { nom: 'Карськ', loc: 'Карську', gen: 'Карська' },
  { nom: 'Дорново', loc: 'Дорнові', gen: 'Дорнова' },
  { nom: 'Бревник', loc: 'Бревнику', gen: 'Бревника' },
  { nom: 'Тарсель', loc: 'Тарселі', gen: 'Тарселя' },
  { nom: 'Ольвани', loc: 'Ольванах', gen: 'Ольван' },
  { nom: 'Кестрин', loc: 'Кестрині', gen: 'Кестрина' },
  { nom: 'Міровець', loc: 'Міровці', gen: 'Міровця' },
  { nom: 'Залесне', loc: 'Залесному', gen: 'Залесного' },
  { nom: 'Гарлоу-Бей', loc: 'Гарлоу-Бей', gen: 'Гарлоу-Бей' },
  { nom: 'Порт-Амсель', loc: 'Порт-Амселі', gen: 'Порт-Амселя' },
  { nom: 'Ріджфорд', loc: 'Ріджфорді', gen: 'Ріджфорда' },
  { nom: 'Новак-Гайтс', loc: 'Новак-Гайтс', gen: 'Новак-Гайтс' },
  { nom: 'долина Сельви', loc: 'долині Сельви', gen: 'долини Сельви' },
  { nom: 'північний коридор', loc: 'північному коридорі', gen: 'північного коридору' },
];
/** The English ACTORS (nominative plural). */
const ACTORS = [
  'Посадовці',
  'Рятувальники',
  'Місцеві волонтери',
  'Міські інженери',
  'Переговірники',
  'Фермери',
  'Працівники лікарні',
  'Вчителі',
  'Енергетики',
  'Очільники регіону',
  'Мешканці',
  'Прикордонники',
  'Гуманітарні організації',
  'Дослідники',
];
/** The English VERBS (third person plural, present). */
const VERBS = [
  'відновлюють',
  'відбудовують',
  'знову відкривають',
  'захищають',
  'евакуюють',
  'ремонтують',
  'розширюють',
  'оберігають',
  'знову підключають',
  'забезпечують',
  'наносять на карту',
  'беруть під охорону',
];
/** The English OBJECTS: accusative for the headline, nominative for a list item. */
const OBJECTS: readonly { acc: string; nom: string }[] = [
  { acc: 'головний міст', nom: 'головний міст' },
  { acc: 'електропостачання для 40 000 домівок', nom: 'електропостачання для 40 000 домівок' },
  { acc: 'переправу через річку', nom: 'переправа через річку' },
  { acc: 'польовий шпиталь', nom: 'польовий шпиталь' },
  { acc: 'зерновий термінал', nom: 'зерновий термінал' },
  { acc: 'залізничне сполучення з узбережжям', nom: 'залізничне сполучення з узбережжям' },
  { acc: 'дві школи', nom: 'дві школи' },
  { acc: 'водоочисну станцію', nom: 'водоочисна станція' },
  { acc: 'аварійні укриття', nom: 'аварійні укриття' },
  { acc: 'старий ринок', nom: 'старий ринок' },
  { acc: 'теплові мережі', nom: 'теплові мережі' },
  { acc: 'новий маршрут постачання', nom: 'новий маршрут постачання' },
];
/** The English CONTEXTS. */
const CONTEXTS = [
  'після нічних ударів',
  'до настання зими',
  'на тлі відновлення переговорів',
  'попри сильні дощі',
  'поки обстріли вщухають',
  'напередодні голосування',
  'в умовах комендантської години',
  'за допомоги сусідів',
  'на тлі зростання цін',
  'попри нові попередження',
];
const OPENERS = [
  'Роботи почалися {day} ще до світанку: {actors} зібралися {place} лише з ручними інструментами та списком першочергових завдань.',
  'Уже втретє цього місяця {actors} {place} змушені починати все спочатку.',
  'Рішення ухвалили {day} пізно ввечері, після кількох годин суперечок у переповненій залі міської ради.',
  'До середини ранку черга біля складу {place} тяглася аж до кінця вулиці.',
  'Ніхто {place} не очікував, що ремонт просуватиметься так швидко.',
];
const MIDDLES = [
  'Бригади працювали шестигодинними змінами й передавали обладнання з рук у руки там, де не могли проїхати вантажівки.',
  'В обласній адміністрації повідомили, що перший етап коштуватиме менше, ніж планували, завдяки матеріалам, урятованим на місці.',
  'Незалежні інженери, які оглянули споруду, заявили, що вже за кілька днів вона витримає легкий транспорт.',
  'Родини, які виїхали навесні, почали повертатися, і багато хто — до осель без вікон.',
  'Місцева влада не назвала точної дати: за її словами, усе вирішать погода й безпекова ситуація.',
  'Допомога надійшла двома колонами, одна з яких на ніч затрималася на блокпосту під містом.',
  'Речник комунального підприємства сказав, що наразі замінено близько третини пошкодженої мережі.',
  'План значною мірою тримається на волонтерах, більшість із яких мають основну роботу й приходять на об’єкт вечорами.',
  'Школи району працюватимуть за скороченим розкладом, доки опалення не відновлять повністю, повідомили в управлінні освіти.',
  'Дані, оприлюднені {day}, свідчать, що людей, які покладаються на укриття, меншає вже другий тиждень поспіль.',
  'Донори пообіцяли більше коштів, але значну частину з них прив’язано до умов, які місцевим організаціям важко виконати.',
  'Мешканці описують свій розпорядок: перевірити тривоги, зарядити телефони й набрати води щоразу, коли з’являється світло.',
  'Уночі робота йде повільніше: світло має бути вимкнене, і бригади орієнтуються по пам’яті.',
  'Страховики досі відмовляються покривати більшість збитків, тож малий бізнес відбудовується за власні заощадження.',
];
const QUOTES = [
  'Ми не чекаємо дозволу, щоб полагодити своє. Спершу лагодимо, а вже потім сперечаємося про папери.',
  'Кожен день, коли є світло, — це день, коли люди вирішують залишитися.',
  'Ще не завершено, але вже не зруйновано, і для людей тут це важливо.',
  'Ми перерахували кожен аркуш скла в місті. Його не вистачає, тож робимо власне.',
  'Найважче — не сама робота. Найважче — не знати, чи вистоїть усе це наступного тижня.',
  'Люди несуть чай, несуть інструменти, приводять дітей подивитися. Так і розумієш, що це важливо.',
];
const SPEAKERS = [
  'Олена Марчук, виконробка',
  'Петро Савченко, заступник міського голови',
  'Ірина Бондар, директорка лікарні',
  'Тарас Глина, координатор волонтерів',
  'Мара Еллісон, гуманітарна працівниця',
  'Дмитро Коваленко, інженер',
  'Софія Ліндквіст, логістка',
];
const HEADINGS = [
  'Що далі',
  'Ціна очікування',
  'Місто, яке лагодить себе саме',
  'Хто платить',
  'Знову до школи',
  'На місці',
];
const STATUSES = ['роботи тривають', 'роботи заплановано', 'роботи завершено', 'роботи призупинено'];
/** "On Monday" and so on: the accusative with its preposition. */
const DAYS = ['у понеділок', 'у вівторок', 'у середу', 'у четвер', 'у п’ятницю', 'у суботу', 'у неділю'];

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const VOWELS = 'аеєиіїоуюя';

/**
 * "In a place" with the preposition Ukrainian euphony wants: "в" after a vowel or before one, "у" between
 * consonants, before в or ф and at the start of a sentence ("У Карську", "рятувальники в Карську").
 */
export function inPlace(place: UkPlace, before: string): string {
  const first = place.loc.charAt(0).toLowerCase();
  const last = before.trimEnd().slice(-1).toLowerCase();
  const v = VOWELS.includes(first) ? 'в' : !last || 'вф'.includes(first) || !VOWELS.includes(last) ? 'у' : 'в';
  return `${before ? v : capitalize(v)} ${place.loc}`;
}

/** Fills {day}, {actors} and {place} (a place's "in" phrase, its preposition fitted to the word before it). */
function fill(template: string, r: Random, place: UkPlace, actors: string): string {
  const text = template.replace('{day}', r.pick(DAYS)).replace('{actors}', actors.toLowerCase());
  return text.replace('{place}', (_, at: number) => inPlace(place, text.slice(0, at)));
}

/** The Ukrainian headline of an English one's parts: "Рятувальники в Карську відновлюють головний міст після нічних ударів". */
export function headlineUk(parts: HeadlineParts): { text: string; place: UkPlace; actors: string } {
  const place = PLACES[parts.place]!;
  const actors = ACTORS[parts.actors]!;
  const text = `${actors} ${inPlace(place, actors)} ${VERBS[parts.verb]} ${OBJECTS[parts.object]!.acc} ${CONTEXTS[parts.context]}`;
  return { text, place, actors };
}

/** A headline of a story written in Ukrainian only. */
export function randomHeadlineUk(r: Random): ReturnType<typeof headlineUk> {
  return headlineUk({
    place: r.int(0, PLACES.length - 1),
    actors: r.int(0, ACTORS.length - 1),
    verb: r.int(0, VERBS.length - 1),
    object: r.int(0, OBJECTS.length - 1),
    context: r.int(0, CONTEXTS.length - 1),
  });
}

export function dekUk(r: Random, place: UkPlace): string {
  return r.pick([
    `${inPlace(place, '')} ця робота — не лише про бетон і кабелі, а й про те, щоб люди залишилися.`,
    `Тиждень ремонтів ${inPlace(place, 'ремонтів')} очима тих, хто їх виконує.`,
    `Мешканці ${place.gen} кажуть, що зрушення справжні, але крихкі.`,
    '',
  ]);
}

/** The hero image's words for a story in Ukrainian. */
export function heroWordsUk(place: UkPlace): { caption: string; credit: string; alt: string } {
  return {
    caption: `На місці подій ${inPlace(place, 'подій')} цього тижня.`,
    credit: 'Демонстраційне зображення Broadsheet',
    alt: `Згенерована ілюстрація замість фотографії: ${place.nom}`,
  };
}

/** A generated Ukrainian story body, built like the English one (seed.text.ts `body`). */
export function bodyUk(
  r: Random,
  opts: { place: UkPlace; actors: string; imageIds: number[]; embedId?: number; tagLink?: string },
): StoryDocument {
  const para = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });
  const blocks: Block[] = [para(fill(r.pick(OPENERS), r, opts.place, opts.actors))];
  const middles = r.sample(MIDDLES, r.int(5, 10)).map((m) => fill(m, r, opts.place, opts.actors));
  blocks.push(para(middles.shift()!));
  blocks.push({
    type: 'paragraph',
    content: [
      { text: 'Першочергове завдання', bold: true },
      { text: ', за словами посадовців, — повернути тепло й воду до ' },
      { text: 'холодів', italic: true },
      { text: '.' },
    ],
  });
  blocks.push({ type: 'quote', content: [{ text: r.pick(QUOTES) }], attribution: r.pick(SPEAKERS) });
  if (opts.embedId) blocks.push({ type: 'embed', storyId: opts.embedId });
  blocks.push(para(middles.shift() ?? fill(r.pick(MIDDLES), r, opts.place, opts.actors)));
  if (r.chance(0.4)) {
    blocks.push({ type: 'heading', level: 2, content: [{ text: r.pick(HEADINGS) }] });
    blocks.push({
      type: 'list',
      ordered: false,
      items: r.sample(OBJECTS, 3).map((o) => [{ text: `${capitalize(o.nom)}: ${r.pick(STATUSES)}.` }]),
    });
  }
  if (opts.imageIds.length && r.chance(0.35))
    blocks.push({
      type: 'image',
      imageId: r.pick(opts.imageIds),
      alt: `Ремонтні роботи ${inPlace(opts.place, 'роботи')}`,
      caption: `Роботи ${inPlace(opts.place, 'Роботи')} тривають.`,
      credit: 'Демонстраційне зображення Broadsheet',
    });
  for (const m of middles) blocks.push(para(m));
  if (opts.tagLink)
    blocks.push({
      type: 'paragraph',
      content: [{ text: 'Більше наших матеріалів ' }, { text: 'на цю тему', href: opts.tagLink }, { text: '.' }],
    });
  return { version: 1, blocks };
}

/** The English DEMO_AUTHORS' role titles and bios in Ukrainian, one for one (names are not translated). */
export const DEMO_AUTHORS_UK: readonly { role: string; bio: string }[] = [
  {
    role: 'Редакторка новин',
    bio:
      'Ганна керує відділом новин і вже десять років висвітлює події в регіоні. Вона веде стрічку новин із самого ' +
      'ранку та пише про енергетику й інфраструктуру.',
  },
  {
    role: 'Старший кореспондент',
    bio: 'Марко веде репортажі з прифронтових міст сходу. До журналістики він вивчився на інженера-будівельника, і це помітно в його матеріалах про відбудову.',
  },
  {
    role: 'Кореспондентка в Європі',
    bio: 'Аліса пише про дипломатію та гуманітарну допомогу по всій Європі — про гроші й політику, що стоять за заголовками.',
  },
  {
    role: 'Економічна журналістка',
    bio: 'Юлія стежить за цінами, зарплатами та підприємствами, які намагаються втриматися на плаву. Вона має диплом зі статистики й любить добрі таблиці.',
  },
  {
    role: 'Журналіст із питань науки та клімату',
    bio: 'Деніел пише про науку, клімат і довкілля — від забруднення річок до майбутнього енергомережі.',
  },
  {
    role: 'Стрічка агенцій',
    bio: 'Короткі повідомлення наших партнерських інформаційних агенцій, відредаговані редакцією Broadsheet.',
  },
];

/** Who translates the demo's stories: credited as translators, never on a byline. */
export const DEMO_TRANSLATORS = [
  {
    name: 'Oksana Hnatiuk',
    role: 'Translator',
    bio: 'Oksana translates the Dispatch between English and Ukrainian. She worked as a conference interpreter before joining the newsroom.',
    uk: {
      role: 'Перекладачка',
      bio:
        'Оксана перекладає матеріали Dispatch з англійської українською і навпаки. До приходу в редакцію вона ' +
        'працювала синхронною перекладачкою на конференціях.',
    },
  },
];

/** The closing line of every author's bio. */
export const BIO_FOOTER = {
  en: "Tips and corrections are welcome through the newsroom's contact page.",
  uk: 'Підказки й виправлення надсилайте через сторінку контактів редакції.',
};

/** The English DEMO_SECTIONS in Ukrainian, one for one. */
export const DEMO_SECTIONS_UK: readonly { name: string; description: string }[] = [
  { name: 'Світ', description: 'Новини з усього світу.' },
  { name: 'Європа', description: 'Політика, дипломатія та повсякденне життя в Європі.' },
  { name: 'Близький Схід', description: 'Репортажі з Близького Сходу.' },
  { name: 'Політика', description: 'Уряд, вибори та люди при владі.' },
  { name: 'Бізнес', description: 'Економіка, компанії та праця.' },
  { name: 'Наука', description: 'Дослідження, клімат і довкілля.' },
  { name: 'Культура', description: 'Книжки, кіно, музика та ідеї.' },
];

/** The English DEMO_TAGS in Ukrainian, one for one. */
export const DEMO_TAGS_UK = [
  'Відбудова',
  'Енергетика',
  'Дипломатія',
  'Допомога',
  'Вибори',
  'Житло',
  'Освіта',
  'Здоров’я',
  'Клімат',
  'Транспорт',
  'Сільське господарство',
  'Біженці',
  'Санкції',
  'Культура',
  'Технології',
];
