import type { Block, StoryDocument } from '../document/document.schema.js';
import type { Random } from './random.js';

// Every word here is written for Broadsheet's demo newsroom. Places and people are invented.
export const PLACES = [
  'Velmora',
  'Karsk',
  'Dornovo',
  'Brevnik',
  'Tarsel',
  'Olvany',
  'Kestrin',
  'Mirovets',
  'Zalesne',
  'Harlow Bay',
  'Port Amsel',
  'Ridgeford',
  'Novak Heights',
  'the Selva valley',
  'the northern corridor',
];
const ACTORS = [
  'Officials',
  'Rescue crews',
  'Local volunteers',
  'City engineers',
  'Negotiators',
  'Farmers',
  'Hospital staff',
  'Teachers',
  'Energy workers',
  'Regional leaders',
  'Residents',
  'Border guards',
  'Aid groups',
  'Researchers',
];
const VERBS = [
  'restore',
  'rebuild',
  'reopen',
  'defend',
  'evacuate',
  'repair',
  'expand',
  'protect',
  'reconnect',
  'supply',
  'map',
  'secure',
];
const OBJECTS = [
  'the main bridge',
  'power to 40,000 homes',
  'the river crossing',
  'a field hospital',
  'the grain terminal',
  'rail links to the coast',
  'two schools',
  'the water plant',
  'emergency shelters',
  'the old market',
  'heating networks',
  'a new supply route',
];
const CONTEXTS = [
  'after overnight strikes',
  'before winter sets in',
  'as talks resume',
  'despite heavy rain',
  'as shelling eases',
  'ahead of the vote',
  'under curfew',
  'with help from neighbours',
  'as prices climb',
  'amid fresh warnings',
];
const OPENERS = [
  'Work began before dawn on {day}, when {actors} gathered near {place} with little more than hand tools and a list of priorities.',
  'For the third time this month, {actors} in {place} found themselves starting over.',
  'The decision came late on {day}, after hours of discussion in a crowded hall in {place}.',
  'By mid-morning the queue outside the depot in {place} stretched past the end of the street.',
  'Nobody in {place} expected the repairs to move this quickly.',
];
const MIDDLES = [
  'Crews worked in shifts of six hours, passing equipment hand to hand where trucks could not reach.',
  'The regional administration said the first phase would cost less than planned, thanks to materials salvaged on site.',
  'Independent engineers who inspected the structure said it was sound enough for light traffic within days.',
  'Families who had left in the spring have started to return, many of them to homes without windows.',
  'Local officials declined to give a firm date, saying the weather and the security situation would decide.',
  'Supplies arrived in two convoys, one of them delayed for a night at a checkpoint outside the city.',
  'A spokesperson for the utility said about a third of the damaged network had been replaced so far.',
  'The plan relies heavily on volunteers, most of whom have day jobs and work on the site in the evenings.',
  'Schools in the district will run shorter days until heating is fully restored, the education office said.',
  'Figures published on {day} show the number of people relying on shelters has fallen for a second week.',
  'Donors have pledged more money, but much of it is tied to conditions that local groups say are hard to meet.',
  'Residents describe a routine of checking alerts, charging phones and filling water bottles whenever power returns.',
  'The work is slower at night, when lights must stay off and crews navigate by memory.',
  'Insurers have so far refused to cover most of the losses, leaving small businesses to rebuild from savings.',
];
const QUOTES = [
  'We do not wait for permission to fix what is ours. We fix it, and then we argue about the paperwork.',
  'Every day the lights stay on is a day people decide to stay.',
  'It is not finished, but it is no longer broken, and that matters to people here.',
  'We counted every sheet of glass in the city. There are not enough, so we are making our own.',
  'The hardest part is not the work. It is not knowing whether it will still be standing next week.',
  'People bring tea, they bring tools, they bring their children to watch. That is how you know it matters.',
];
const SPEAKERS = [
  'Olena Marchuk, site foreman',
  'Petro Savchenko, deputy mayor',
  'Iryna Bondar, hospital director',
  'Taras Hlyna, volunteer coordinator',
  'Mara Ellison, aid worker',
  'Dmytro Kovalenko, engineer',
  'Sofia Lindqvist, logistics officer',
];
const HEADINGS = [
  'What happens next',
  'The cost of waiting',
  'A city that repairs itself',
  'Who pays',
  'Back to school',
  'On the ground',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function fill(template: string, r: Random, place: string, actors: string): string {
  return template.replace('{day}', r.pick(DAYS)).replace('{place}', place).replace('{actors}', actors.toLowerCase());
}

/** Which place, actors, verb, object and context a headline was made of (indexes), so a translation can say the same. */
export interface HeadlineParts {
  place: number;
  actors: number;
  verb: number;
  object: number;
  context: number;
}

/** A generated headline such as "Engineers in Karsk restore the river crossing after overnight strikes". */
export function headline(r: Random): { text: string; place: string; actors: string; parts: HeadlineParts } {
  const index = (list: readonly string[]) => Math.floor(r.next() * list.length);
  const parts = {
    place: index(PLACES),
    actors: index(ACTORS),
    verb: index(VERBS),
    object: index(OBJECTS),
    context: index(CONTEXTS),
  };
  const place = PLACES[parts.place]!;
  const actors = ACTORS[parts.actors]!;
  const text = `${actors} in ${place} ${VERBS[parts.verb]} ${OBJECTS[parts.object]} ${CONTEXTS[parts.context]}`;
  return { text, place, actors, parts };
}

export function dek(r: Random, place: string): string {
  return r.pick([
    `In ${place}, the work is as much about keeping people as it is about concrete and cable.`,
    `A week of repairs in ${place}, told by the people doing them.`,
    `Residents of ${place} say progress is real but fragile.`,
    '',
  ]);
}

/** A generated story body: paragraphs, a quote with attribution, sometimes a heading, list, image or related-story embed. */
export function body(
  r: Random,
  opts: { place: string; actors: string; imageIds: number[]; embedId?: number; tagLink?: string },
): StoryDocument {
  const para = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });
  const blocks: Block[] = [para(fill(r.pick(OPENERS), r, opts.place, opts.actors))];
  const middles = r.sample(MIDDLES, r.int(5, 10)).map((m) => fill(m, r, opts.place, opts.actors));
  blocks.push(para(middles.shift()!));
  blocks.push({
    type: 'paragraph',
    content: [
      { text: 'The ' },
      { text: 'first priority', bold: true },
      { text: ', officials said, is getting heat and water back before the ' },
      { text: 'cold months', italic: true },
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
      items: r
        .sample(OBJECTS, 3)
        .map((o) => [{ text: `Work on ${o} is ${r.pick(['under way', 'planned', 'finished', 'paused'])}.` }]),
    });
  }
  if (opts.imageIds.length && r.chance(0.35))
    blocks.push({
      type: 'image',
      imageId: r.pick(opts.imageIds),
      alt: `Repair work in ${opts.place}`,
      caption: `Work continues in ${opts.place}.`,
      credit: 'Broadsheet demo image',
    });
  for (const m of middles) blocks.push(para(m));
  if (opts.tagLink)
    blocks.push({
      type: 'paragraph',
      content: [{ text: 'Read more of our coverage ' }, { text: 'on this topic', href: opts.tagLink }, { text: '.' }],
    });
  return { version: 1, blocks };
}

export const DEMO_AUTHORS = [
  {
    name: 'Hanna Ostapenko',
    role: 'News Editor',
    bio:
      'Hanna runs the news desk and has covered the region for a decade. She edits the News Feed from early ' +
      'morning and writes on energy and infrastructure.',
  },
  {
    name: 'Marko Levchenko',
    role: 'Senior Correspondent',
    bio:
      'Marko reports from the front-line cities of the east. Before journalism he trained as a civil engineer, ' +
      'which shows in his reporting on reconstruction.',
  },
  {
    name: 'Alice Whitford',
    role: 'Europe Correspondent',
    bio: 'Alice covers diplomacy and aid across Europe. She writes about the money and the politics behind the headlines.',
  },
  {
    name: 'Yuliia Petrenko',
    role: 'Economics Reporter',
    bio: 'Yuliia follows prices, wages and the businesses trying to stay open. She holds a degree in statistics and likes a good spreadsheet.',
  },
  {
    name: 'Daniel Osei',
    role: 'Science and Climate Reporter',
    bio: 'Daniel writes on science, climate and the environment, from river pollution to the future of the grid.',
  },
  {
    name: 'Wire Desk',
    role: 'Agency copy',
    bio: 'Short reports from our partner news agencies, edited by the Broadsheet desk.',
  },
];

export const DEMO_SECTIONS: { name: string; parent?: string; description: string }[] = [
  { name: 'World', description: 'News from around the world.' },
  { name: 'Europe', parent: 'World', description: 'Politics, diplomacy and daily life across Europe.' },
  { name: 'Middle East', parent: 'World', description: 'Reporting from the Middle East.' },
  { name: 'Politics', description: 'Government, elections and the people in power.' },
  { name: 'Business', description: 'The economy, companies and work.' },
  { name: 'Science', description: 'Research, climate and the environment.' },
  { name: 'Culture', description: 'Books, film, music and ideas.' },
];

export const DEMO_TAGS = [
  'Reconstruction',
  'Energy',
  'Diplomacy',
  'Aid',
  'Elections',
  'Housing',
  'Education',
  'Health',
  'Climate',
  'Transport',
  'Agriculture',
  'Refugees',
  'Sanctions',
  'Culture',
  'Technology',
];
