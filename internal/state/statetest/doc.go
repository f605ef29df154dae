// Package statetest holds the behaviour every state.Store must show. An
// implementation's tests call ContractTest; the Bolt store's do, and a Redis
// store must too.
//
// Each subtest gets a fresh backing store from the Backend and checks one
// rule of the state package's model: FIFO order, dedup within a run and
// against stored pages, NotBefore, Retry, the run lifecycle, resume after a
// reopen without EndRun, page storage and concurrent use. Failures are
// reported through the *testing.T given; it uses only the Store interface.
package statetest
