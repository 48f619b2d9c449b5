import { sourceImportCommand } from './import-source.js';

/** `import ghost <export.json> [--media DIR]`: imports a Ghost 4–6 JSON export. */
export const importGhostCommand = sourceImportCommand('ghost', 'Ghost', '<export.json>');
