/** The points as a table of x and y to type into, with a point added or removed at the end. */
import { useTranslation } from 'react-i18next';
import { MAX_POINTS } from './config';
import { NumberField } from './NumberField';

export function PointsEditor({
  x,
  y,
  onChange,
}: {
  x: readonly number[];
  y: readonly number[];
  onChange: (x: number[], y: number[]) => void;
}) {
  const { t } = useTranslation();
  const set = (i: number, which: 'x' | 'y', v: number) => {
    const nx = [...x];
    const ny = [...y];
    (which === 'x' ? nx : ny)[i] = v;
    onChange(nx, ny);
  };
  const n = x.length;
  return (
    <div className="descent-points" data-testid="basics.descent.points">
      <table>
        <caption className="visually-hidden">{t('basics.descent.pointsTable')}</caption>
        <thead>
          <tr>
            <th scope="col">i</th>
            <th scope="col">x</th>
            <th scope="col">y</th>
            <th scope="col">
              <span className="visually-hidden">{t('basics.descent.removePoint', { i: '' })}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {x.map((xi, i) => (
            <tr key={i}>
              <th scope="row">{i + 1}</th>
              {(['x', 'y'] as const).map((which) => (
                <td key={which}>
                  <NumberField
                    label={`${which}${i + 1}`}
                    hideLabel
                    value={which === 'x' ? xi : y[i]!}
                    onChange={(v) => set(i, which, v)}
                    testId={`basics.descent.points.${which}-${i}`}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  aria-label={t('basics.descent.removePoint', { i: i + 1 })}
                  disabled={n <= 2}
                  onClick={() =>
                    onChange(
                      x.filter((_, j) => j !== i),
                      y.filter((_, j) => j !== i),
                    )
                  }
                  data-testid={`basics.descent.points.remove-${i}`}
                >
                  −
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        disabled={n >= MAX_POINTS}
        onClick={() => onChange([...x, (x[n - 1] ?? 0) + 1], [...y, y[n - 1] ?? 0])}
        data-testid="basics.descent.points.add"
      >
        + {t('basics.descent.addPoint')}
      </button>
    </div>
  );
}
