/** English strings of the config editor, share, embed snippet, classroom, tours and export (mounted at `tools`). */
export const toolsEn = {
  editor: 'Edit as JSON',
};
