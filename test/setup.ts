// Tests read logs only when they fail; keep the reporter output readable.
process.env.LOG_LEVEL ??= 'silent';
