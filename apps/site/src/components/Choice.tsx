/** One radio group of a plain GET form (the map's rows, coverage and view). */
export function Choice({
  legend,
  name,
  value,
  options,
}: {
  legend: string
  name: string
  value: string
  options: [value: string, label: string][]
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map(([option, label]) => (
        <label key={option} style={{ fontWeight: 400 }}>
          <input type="radio" name={name} value={option} defaultChecked={value === option} />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  )
}
