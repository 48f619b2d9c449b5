import { sourceImportCommand } from './import-source.js';

/** `import wordpress <export.xml> [--media DIR]`: imports a WordPress WXR export. */
export const importWordPressCommand = sourceImportCommand('wordpress', 'WordPress', '<export.xml>');
