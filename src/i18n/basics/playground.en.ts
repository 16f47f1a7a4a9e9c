/** English strings of the Basics lesson's playground view (mounted at `basics.playground`). */
export const playgroundEn = {
  stage: 'A neural-network playground: watch a small network learn 2-D data',
};
