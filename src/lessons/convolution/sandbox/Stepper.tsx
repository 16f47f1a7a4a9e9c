/**
 * A number with − and + buttons (sizes and channel counts): nothing half-typed can destroy
 * data on the way, and each press is one clear step. Test ids: `${testId}` on the value
 * (data-value), `${testId}.dec`, `${testId}.inc`.
 */
export function Stepper({
  label,
  value,
  min,
  max,
  onChange,
  decLabel,
  incLabel,
  testId,
  allowed = () => true,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  decLabel: string;
  incLabel: string;
  testId: string;
  /** Whether a value within min…max is accepted (a button that would be refused is off). */
  allowed?: (value: number) => boolean;
}) {
  const canDec = value > min && allowed(value - 1);
  const canInc = value < max && allowed(value + 1);
  return (
    <div className="stepper-control" role="group" aria-label={label}>
      <span className="stepper-label" aria-hidden="true">
        {label}
      </span>
      <button
        type="button"
        aria-label={decLabel}
        // aria-disabled, not disabled: a disabled button drops keyboard focus at the limit.
        aria-disabled={!canDec}
        onClick={() => canDec && onChange(value - 1)}
        data-testid={`${testId}.dec`}
      >
        −
      </button>
      <output aria-live="polite" aria-label={label} data-testid={testId} data-value={value}>
        {value}
      </output>
      <button
        type="button"
        aria-label={incLabel}
        aria-disabled={!canInc}
        onClick={() => canInc && onChange(value + 1)}
        data-testid={`${testId}.inc`}
      >
        +
      </button>
    </div>
  );
}
