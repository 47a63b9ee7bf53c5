import type { WindowDays } from '@internal/plugin-platform-metrics-common';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { WINDOWS } from './format';

/** Choose the window the numbers cover: 7, 30, 90 or 365 days. */
export function WindowSelector(props: {
  value: WindowDays;
  onChange: (value: WindowDays) => void;
}) {
  return (
    <Tabs
      value={props.value}
      onChange={(_e, value) => props.onChange(value as WindowDays)}
      indicatorColor="primary"
      aria-label="Window"
    >
      {WINDOWS.map(days => (
        <Tab key={days} value={days} label={`${days} days`} />
      ))}
    </Tabs>
  );
}
