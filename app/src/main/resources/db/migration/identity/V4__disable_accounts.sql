-- an admin may disable an account: it cannot sign in and its tokens stop working (DisabledAccounts)
alter table users add column disabled boolean not null default false;
create index users_disabled on users (id) where disabled;
