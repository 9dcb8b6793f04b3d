// opencc-js ships its dictionaries as plain string modules without typings.
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
