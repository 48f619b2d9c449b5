/** Sections', tags' and authors' words per edition: the reader's pages of them, and the desk's pages that name them. */
export const namesEn = {
  'section.within': 'Within {{name}}',
  'names.nav.sections': 'Sections',
  'names.nav.tags': 'Tags',
  'names.sections.title': 'Sections',
  'names.sections.intro':
    'Each section’s name and description in every edition. Left empty in an edition, the primary edition’s words show there.',
  'names.sections.none': 'No sections yet.',
  'names.tags.title': 'Tags',
  'names.tags.intro':
    'Each tag’s name and description in every edition. Left empty in an edition, the primary edition’s words show there.',
  'names.tags.none': 'No tags yet.',
  'names.tags.more': 'More tags',
  'names.primary': 'primary edition',
  'names.fallback': 'left empty: the primary edition’s words',
  'names.name': 'Name',
  'names.description': 'Description',
  'names.save': 'Save',
  'names.saved': '“{{name}}” saved.',
  'names.author.inEdition': 'In the {{edition}} edition',
  'names.author.inEditionHint': 'Left empty, readers of this edition see the words above.',
  'names.author.roleTitle': 'Role title',
  'names.author.shortBio': 'Short bio',
  'names.author.bio': 'Bio',
} as const;
