/** Version of the numeric core; cells cache their results on it. Bump whenever any computed number may change. */
export const NUMERIC_CORE_VERSION = '1.1.0';
