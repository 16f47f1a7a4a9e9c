import { useTranslation } from 'react-i18next';
import type { MatrixEditorMessages } from '../../viz/MatrixEditor';

/**
 * A MatrixEditor's messages from a lesson's strings: `${prefix}.cellLabel`, `.invalidCell`,
 * `.invalidPaste` and `.pasteTooBig` (the convolution sandbox's `sandbox.*` by default).
 * @param what - the matrix's name in a cell's label ("Input row 1, column 2")
 */
export function useMatrixMessages(what: string, prefix = 'sandbox'): MatrixEditorMessages {
  const { t } = useTranslation();
  return {
    cell: (row, col) => t(`${prefix}.cellLabel`, { what, row, col }),
    invalid: (text, row, col, kept) => t(`${prefix}.invalidCell`, { text, row, col, kept }),
    invalidPaste: (text, row, col) => t(`${prefix}.invalidPaste`, { text, row, col }),
    tooBig: (rows, cols) => t(`${prefix}.pasteTooBig`, { rows, cols }),
  };
}
