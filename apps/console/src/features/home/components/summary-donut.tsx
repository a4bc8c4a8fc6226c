import { Cell, Pie, PieChart, ResponsiveContainer } from 'recharts';

export interface DonutSegment {
  key: string;
  label: string;
  value: number;
  /** a CSS colour, a theme variable: `var(--color-success)` */
  color: string;
}

/**
 * A ring of a summary's parts (recharts, in its own chunk: the dashboard loads it after its numbers). Decorative
 * beside the legend that says the same in words, so screen readers skip it.
 */
export function SummaryDonut({ segments }: { segments: DonutSegment[] }) {
  const shown = segments.filter((s) => s.value > 0);
  return (
    <div className="summary-donut" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <PieChart>
          <Pie data={shown} dataKey="value" nameKey="label" innerRadius="62%" outerRadius="100%" paddingAngle={shown.length > 1 ? 2 : 0} stroke="none" isAnimationActive={false}>
            {shown.map((s) => (
              <Cell key={s.key} fill={s.color} />
            ))}
          </Pie>
        </PieChart>
      </ResponsiveContainer>
    </div>
  );
}
