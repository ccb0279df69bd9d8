import { describe, expect, it } from 'vitest';
import { modelSuggester } from './category-suggester.ts';

describe('category suggestions', () => {
  it('come from the language layer’s starter model, in any script', async () => {
    const suggester = modelSuggester();
    expect((await suggester.suggest('Телефонимни ўғирлаб кетишди, ёрдам беринг.'))?.[0]?.code).toBe('theft');
    expect(
      (await suggester.suggest('Uchastka inspektori menga qoʻpollik qildi va haqorat qildi'))?.[0]?.code,
    ).toBe('officer_conduct');
  });

  it('go quiet, with one warning, when the model is missing', async () => {
    const warnings: string[] = [];
    const suggester = modelSuggester(new URL('file:///nowhere/model.json'), (m) => warnings.push(m));
    expect(await suggester.suggest('Telefonimni oʻgʻirlab ketishdi')).toBeNull();
    expect(await suggester.suggest('Yana bir matn')).toBeNull();
    expect(warnings).toHaveLength(1);
  });
});
