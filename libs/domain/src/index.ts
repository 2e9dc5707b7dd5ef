export * from './time/calendar-date';
export * from './vocabulary';
export * from './events/catalogue';
export * from './events/domain-event';
export * from './events/upcast';
export * from './policy/policy-settings';
