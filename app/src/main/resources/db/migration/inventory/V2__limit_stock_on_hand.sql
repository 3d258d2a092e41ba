-- A SKU holds at most a billion units: far more than any shop stocks, and far enough below int's limit (2^31 - 1)
-- that no change the API allows (at most a million at once) can overflow the column on its way to this check.
alter table stock_levels add constraint stock_on_hand_at_most_a_billion check (on_hand <= 1000000000);
