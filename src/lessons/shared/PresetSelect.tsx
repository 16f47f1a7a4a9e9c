/**
 * A menu of a view's ready-made examples: picking one applies it; once the config has been
 * edited away from every example, the menu shows "—".
 */
export function PresetSelect<P extends string>({
  presets,
  current,
  label,
  nameOf,
  onPick,
  testId,
}: {
  presets: readonly P[];
  /** The example the config is now, or null once edited. */
  current: P | null;
  /** Accessible name of the menu. */
  label: string;
  nameOf: (preset: P) => string;
  onPick: (preset: P) => void;
  testId: string;
}) {
  return (
    <label className="select-label">
      <span className="visually-hidden">{label}</span>
      <select
        value={current ?? ''}
        onChange={(e) => {
          if (e.target.value) onPick(e.target.value as P);
        }}
        data-testid={testId}
      >
        {!current && <option value="">—</option>}
        {presets.map((p) => (
          <option key={p} value={p}>
            {nameOf(p)}
          </option>
        ))}
      </select>
    </label>
  );
}
