import { describe, expect, it } from 'vitest';
import { oneToolChoice } from '../../../model/toolRequest';

describe("Prime's one-tool request", () => {
  it('forces the tool without thinking', () => {
    expect(oneToolChoice('submit_verdict', 2048)).toEqual({ max_tokens: 2048, tool_choice: { type: 'tool', name: 'submit_verdict' } });
  });
  it('with thinking, leaves the choice to the model (the API refuses a forced tool) and adds the budget to max_tokens', () => {
    expect(oneToolChoice('submit_verdict', 2048, 4096)).toEqual({ max_tokens: 6144, thinking: { type: 'enabled', budget_tokens: 4096 }, tool_choice: { type: 'auto' } });
  });
});
